// A model of one 拼团 driven only by the pure rules in src/core/group-buy.ts, the way the orders
// function applies them: placement asks joinProblem then takeSeat, a payment notice asks seatPayable
// then paySeat (else the money goes back in full), an unpaid order called off or a member refunded
// before success releases the seat, and the timer fails an expired group and refunds its members.
// fast-check runs any interleaving of join / pay / duplicated notice / cancel / refund / expire /
// timer and checks after every step: never more than N paid members, no order refunded more than it
// paid, stock conserved, and the group's counters agree with its seats and its orders.
import fc from 'fast-check';
import { groupExpired, joinProblem, paySeat, releaseSeat, seatPayable, takeSeat, type GroupDoc, type GroupSeat } from '@core/group-buy';

const PRICE_FEN = 1990;
const STOCK = 6;
const T0 = 1_000_000;
const HOUR = 3_600_000;

interface ModelOrder {
  id: string;
  buyer: string;
  state: 'to_pay' | 'paid' | 'cancelled' | 'refunded';
  /** Money in (once per order: one payment per out_trade_no) and money sent back. */
  paidFen: number;
  refundedFen: number;
}

interface World {
  now: number;
  group: GroupDoc;
  stock: number;
  orders: ModelOrder[];
}

type Command =
  | { kind: 'join'; buyer: number }
  | { kind: 'notice'; order: number }
  | { kind: 'cancel'; order: number }
  | { kind: 'refund'; order: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'expire' }
  | { kind: 'timer' };

const seatOf = (buyer: string, leader: boolean, at: number): GroupSeat => ({ buyer, leader, state: 'held', name: buyer, avatar: '', at, paidAt: null });

/** The starter's placement: a forming group holding their seat, one unit of stock taken. */
function started(size: number): World {
  const group: GroupDoc = {
    _id: 'o0', offerId: 'p', shopId: 's', productId: 'p', size, skus: [], openHours: 24, state: 'forming',
    seats: { o0: seatOf('b0', true, T0) }, buyers: ['b0'], held: 1, paid: 0, createdAt: T0, deadlineAt: null, closedAt: null, refundsDone: false, updatedAt: T0,
  };
  return { now: T0, group, stock: STOCK - 1, orders: [{ id: 'o0', buyer: 'b0', state: 'to_pay', paidFen: 0, refundedFen: 0 }] };
}

const open = (group: GroupDoc) => group.state === 'forming' || group.state === 'open';

/** Money back in full; an order still holding stock gives it back. */
function refundAll(world: World, order: ModelOrder): void {
  if (order.state === 'to_pay' || order.state === 'paid') world.stock += 1;
  order.refundedFen = order.paidFen;
  order.state = 'refunded';
}

function step(world: World, command: Command): void {
  const { group } = world;
  const orderAt = (index: number) => world.orders[index % world.orders.length];
  switch (command.kind) {
    case 'join': {
      const buyer = `b${command.buyer}`;
      if (joinProblem(group, buyer, world.now) || world.stock < 1) return;
      const id = `o${world.orders.length}`;
      world.stock -= 1;
      world.orders.push({ id, buyer, state: 'to_pay', paidFen: 0, refundedFen: 0 });
      world.group = takeSeat(group, id, seatOf(buyer, false, world.now));
      return;
    }
    case 'notice': {
      // The first delivery brings the money; repeats of it change nothing more.
      const order = orderAt(command.order);
      const first = order.paidFen === 0;
      if (first) order.paidFen = PRICE_FEN;
      if (order.state === 'to_pay' && seatPayable(group, order.id, world.now)) {
        world.group = paySeat(group, order.id, world.now);
        order.state = 'paid';
      } else if (first && order.state !== 'paid') {
        refundAll(world, order); // a released seat, a full or ended group: the money goes back
      }
      return;
    }
    case 'cancel': {
      const order = orderAt(command.order);
      if (order.state !== 'to_pay') return;
      order.state = 'cancelled';
      world.stock += 1;
      if (open(group)) world.group = releaseSeat(group, order.id, world.now);
      return;
    }
    case 'refund': {
      const order = orderAt(command.order);
      if (order.state !== 'paid') return;
      refundAll(world, order);
      // Before success the seat is freed; after it, the seat stays as the record of the member.
      if (open(group)) world.group = releaseSeat(group, order.id, world.now);
      return;
    }
    case 'wait':
      world.now += command.ms;
      return;
    case 'expire':
      if (group.deadlineAt !== null) world.now = Math.max(world.now, group.deadlineAt);
      return;
    case 'timer': {
      if (!groupExpired(group, world.now) && !(group.state === 'failed' && !group.refundsDone)) return;
      if (group.state === 'open' && group.paid >= group.size) {
        world.group = { ...group, state: 'succeeded', closedAt: world.now };
        return;
      }
      world.group = { ...group, state: 'failed', closedAt: group.closedAt ?? world.now, refundsDone: true };
      for (const orderId of Object.keys(group.seats)) {
        const order = world.orders.find((candidate) => candidate.id === orderId) as ModelOrder;
        if (order.state === 'paid') refundAll(world, order);
        else if (order.state === 'to_pay') {
          order.state = 'cancelled';
          world.stock += 1;
        }
      }
    }
  }
}

function checkInvariants(world: World): void {
  const { group } = world;
  const seats = Object.entries(group.seats);
  const paidSeats = seats.filter(([, seat]) => seat.state === 'paid');
  expect(group.paid).toBeLessThanOrEqual(group.size);
  expect(group.held).toBeLessThanOrEqual(group.size);
  expect(group.paid).toBe(paidSeats.length);
  expect(group.held).toBe(seats.length);
  expect([...group.buyers].sort()).toEqual(seats.map(([, seat]) => seat.buyer).sort());
  expect(new Set(group.buyers).size).toBe(group.buyers.length);
  if (group.state === 'succeeded') expect(group.paid).toBe(group.size);
  for (const order of world.orders) {
    expect(order.paidFen - order.refundedFen).toBeGreaterThanOrEqual(0);
    expect(order.refundedFen === 0 || order.refundedFen === order.paidFen).toBe(true);
    // Money kept by the shop is a paid seat, and a paid seat of a group still forming or open is
    // money kept (after success a refunded member's seat stays as the record).
    if (order.state === 'paid') expect(group.seats[order.id]?.state).toBe('paid');
  }
  if (open(group)) for (const [orderId] of paidSeats) expect(world.orders.find((order) => order.id === orderId)?.state).toBe('paid');
  if (group.state === 'failed' && group.refundsDone) for (const order of world.orders) expect(order.paidFen - order.refundedFen).toBe(0);
  const holding = world.orders.filter((order) => order.state === 'to_pay' || order.state === 'paid').length;
  expect(world.stock + holding).toBe(STOCK);
}

const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('join' as const), buyer: fc.integer({ min: 0, max: 7 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('notice' as const), order: fc.nat(20) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('cancel' as const), order: fc.nat(20) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('refund' as const), order: fc.nat(20) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 30 * HOUR }) }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'expire' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'timer' as const }), weight: 1 },
);

describe('拼团 rules under any interleaving of joins, payments, repeated notices, cancels, refunds and expiry', () => {
  it('never has more than N paid members, never refunds more than was paid, and conserves stock', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(command, { maxLength: 60 }), (size, commands) => {
        const world = started(size);
        checkInvariants(world);
        for (const next of commands) {
          step(world, next);
          checkInvariants(world);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('fills a group exactly on its N-th payment, and no later payment enters it', () => {
    const world = started(2);
    step(world, { kind: 'notice', order: 0 });
    expect(world.group).toMatchObject({ state: 'open', paid: 1 });
    step(world, { kind: 'join', buyer: 1 });
    step(world, { kind: 'join', buyer: 2 }); // full: two seats held
    expect(world.orders).toHaveLength(2);
    step(world, { kind: 'notice', order: 1 });
    step(world, { kind: 'notice', order: 1 });
    expect(world.group).toMatchObject({ state: 'succeeded', paid: 2 });
    expect(world.orders[1]).toMatchObject({ state: 'paid', refundedFen: 0 });
  });

  it('sends back once the money for a seat released before it arrived, however often its notice comes', () => {
    const world = started(3);
    step(world, { kind: 'notice', order: 0 });
    step(world, { kind: 'join', buyer: 1 });
    step(world, { kind: 'cancel', order: 1 });
    step(world, { kind: 'notice', order: 1 });
    step(world, { kind: 'notice', order: 1 });
    expect(world.orders[1]).toMatchObject({ paidFen: PRICE_FEN, refundedFen: PRICE_FEN });
    expect(world.group).toMatchObject({ paid: 1, held: 1 });
    checkInvariants(world);
  });
});
