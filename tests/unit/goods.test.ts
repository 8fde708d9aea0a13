import { packTexts } from '@core/goods';

describe('packing text for the content check', () => {
  it('packs texts one per line up to the limit and cuts only a text that is too long alone', () => {
    expect(packTexts(['腊肉', '五花', '后腿'], 5)).toEqual(['腊肉\n五花', '后腿']);
    expect(packTexts(['一二三四五六七', '八'], 5)).toEqual(['一二三四五', '六七\n八']);
    expect(packTexts(['😀😀😀'], 2)).toEqual(['😀😀', '😀']);
    expect(packTexts([], 5)).toEqual([]);
  });
});
