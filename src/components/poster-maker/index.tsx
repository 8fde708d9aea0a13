// The pictures a campaign, a 拼团 or a live show page makes for sharing, drawn by the shared poster
// module on the page's hidden canvas (#<kind>-canvas): the share card's image, and the poster with
// the mini-program code, made and saved through one button row.
import { Button, Image, Text } from '@tarojs/components';
import { useState } from 'react';
import { call } from '../../api/call';
import { shareContract, type ShareTarget } from '@core/contracts';
import * as pictures from '../../utils/poster';
import type { CardSpec, PosterPlace, PosterSpec } from '../../utils/poster-layout';

/** The page a picture is drawn for: it names the canvas, the file and the class names. */
export type PosterKind = 'campaign' | 'pintuan' | 'live';

const placeOf = (kind: PosterKind): PosterPlace => ({ canvasId: `${kind}-canvas`, fileName: `${kind}-poster.png` });

export function drawCard(kind: PosterKind, spec: CardSpec): Promise<string> {
  return pictures.drawCard(placeOf(kind), spec);
}

type Poster = { kind: 'busy' } | { kind: 'done'; image: string } | { kind: 'error'; message: string };

interface Props {
  kind: PosterKind;
  shopId: string;
  /** What the poster's code opens (and whose visits it counts). */
  target: ShareTarget;
  /** The poster's words and photo around the code (a PNG data URL from share.posterCode). */
  spec: (codePng: string) => PosterSpec;
  /** The button's words; "做海报" unless told. */
  label?: string;
}

/** 做海报, then the poster itself (tap to enlarge) and 保存海报. */
export function PosterMaker({ kind, shopId, target, spec, label = '做海报' }: Props) {
  const [poster, setPoster] = useState<Poster | null>(null);
  const make = async () => {
    setPoster({ kind: 'busy' });
    const reply = await call(shareContract, 'posterCode', { shopId, target });
    if (!reply.ok) return setPoster({ kind: 'error', message: reply.error.message });
    try {
      setPoster({ kind: 'done', image: await pictures.drawPoster(placeOf(kind), spec(reply.data.png)) });
    } catch {
      setPoster({ kind: 'error', message: '海报没画出来，请再试一次' });
    }
  };
  return (
    <>
      <Button className={`secondary-button ${kind}-poster`} onClick={() => void make()}>
        {label}
      </Button>
      {poster?.kind === 'busy' && <Text className='note'>正在做海报…</Text>}
      {poster?.kind === 'error' && <Text className={`inline-error ${kind}-poster-error`}>{poster.message}</Text>}
      {poster?.kind === 'done' && (
        <>
          <Image className={`${kind}-poster-image`} src={poster.image} mode='widthFix' onClick={() => pictures.previewPoster(poster.image)} />
          <Button className={`primary-button ${kind}-poster-save`} onClick={() => void pictures.savePoster(placeOf(kind), poster.image)}>
            保存海报
          </Button>
        </>
      )}
    </>
  );
}
