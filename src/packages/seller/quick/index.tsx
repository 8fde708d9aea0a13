import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../api/call';
import { Field } from '../../../components/field';
import { ImagePicker } from '../../../components/image-picker';
import { BrokenLink } from '../../../components/status';
import { goodsContract } from '@core/contracts';
import { parseYuanToLi } from '@core/money';
import type { ErrorBody } from '@core/errors';
import { routes } from '@core/routes';
import { errorAt, fieldErrors, type FieldErrors } from '../../../utils/field-errors';
import { useRoute } from '../../../utils/use-route';
import { COMMON_UNITS } from '../editor/unit-picker';
import '../../../components/page.css';
import './index.css';
import { PrivacySheet } from '../../../components/privacy-sheet';

/** 快速上架: one photo, name, price, unit, stock, and one big 发布. Everything else can wait. */
export default function QuickCreatePage() {
  const route = useRoute('quick');
  const shopId = route?.shopId ?? '';
  const [image, setImage] = useState('');
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [unit, setUnit] = useState('斤');
  const [stock, setStock] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ErrorBody | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const publish = async () => {
    if (busy) return;
    setProblem(null);
    const priceLi = parseYuanToLi(price);
    const stockCount = Number(stock.trim());
    const local: FieldErrors = {};
    if (!image) local.image = '请先拍一张商品照片';
    if (priceLi === null || priceLi === 0) local.priceLi = '请填写价格，比如 58 或 0.065';
    if (stock.trim() === '' || !Number.isSafeInteger(stockCount) || stockCount < 0) local.stock = '请填写有多少（整数）';
    if (Object.keys(local).length) return setErrors(local);
    setBusy(true);
    const reply = await call(goodsContract, 'quickCreate', { shopId, image, name: name.trim(), priceLi: priceLi ?? 0, unit: unit.trim(), stock: stockCount });
    setBusy(false);
    if (!reply.ok) {
      setErrors(fieldErrors(reply.error));
      return setProblem(reply.error);
    }
    setErrors({});
    setDone(name.trim());
    void Taro.showToast({ title: '已上架', icon: 'success' });
  };

  const again = () => {
    setImage('');
    setName('');
    setPrice('');
    setStock('');
    setDone(null);
  };

  if (!route) return <BrokenLink />;
  if (done) {
    return (
      <View className='app-page quick-create quick-done'>
        <View className='card'>
          <Text className='card-title quick-done-title'>“{done}”已上架</Text>
          <Text className='note'>买家现在就能看到了。</Text>
          <Button className='primary-button quick-again' onClick={again}>
            再上架一件
          </Button>
          <Button className='secondary-button quick-share' onClick={() => void Taro.redirectTo({ url: routes.share({ shopId }) })}>
            分享到群里
          </Button>
          <Button className='secondary-button quick-view-shop' onClick={() => void Taro.navigateTo({ url: routes.shop({ shopId }) })}>
            看看店铺
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='app-page quick-create'>
      {route.first && <Text className='form-saved quick-welcome'>小店开好了！先上架第一件商品吧。</Text>}
      <View className='card'>
        <Field name='image' label='拍张照片' error={errorAt(errors, 'image')}>
          <ImagePicker big images={image ? [image] : []} max={1} addText='拍照或选图' onChange={(images) => setImage(images[0] ?? '')} />
        </Field>
        <Field name='name' label='卖什么' error={errorAt(errors, 'name')}>
          <Input className='text-input quick-name' maxlength={40} placeholder='比如：土鸡蛋' value={name} onInput={(e) => setName(e.detail.value)} />
        </Field>
        <Field name='unit' label='按什么卖' error={errorAt(errors, 'unit')}>
          <View className='choice-row'>
            {COMMON_UNITS.map((choice) => (
              <View key={choice} className={`choice unit-choice ${choice === unit ? 'is-selected' : ''}`} onClick={() => setUnit(choice)}>
                {choice}
              </View>
            ))}
          </View>
        </Field>
        <View className='row-fields'>
          <Field name='price' label={`多少钱一${unit}（元）`} error={errorAt(errors, 'priceLi')}>
            <Input className='text-input quick-price' type='digit' placeholder='比如 58' value={price} onInput={(e) => setPrice(e.detail.value)} />
          </Field>
          <Field name='stock' label={`有多少${unit}`} error={errorAt(errors, 'stock')}>
            <Input className='text-input quick-stock' type='number' placeholder='比如 100' value={stock} onInput={(e) => setStock(e.detail.value)} />
          </Field>
        </View>
      </View>
      {problem && !problem.fields?.length && <Text className='form-error quick-problem'>{problem.message}</Text>}
      <View className='card'>
        <Button className={`primary-button quick-publish ${busy ? 'is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void publish()}>
          {busy ? '正在发布…' : '发布'}
        </Button>
      </View>
      <PrivacySheet />
    </View>
  );
}
