import { Button, Image, Text, View } from '@tarojs/components';
import { displayUrl } from '../../../api/upload';
import type { ProductStatus, VendorProductRow } from '@core/contracts';
import { formatLi } from '@core/money';
import { StockEditor } from './stock-editor';

type Row = VendorProductRow;
type Settable = 'on_sale' | 'sold_out' | 'off_shelf';

export const STATUS_NAMES: Record<ProductStatus, string> = { on_sale: '在卖', sold_out: '售完', off_shelf: '已下架', draft: '草稿' };

/** The quick status changes that make sense from each status. */
const NEXT: Record<ProductStatus, { status: Settable; label: string }[]> = {
  on_sale: [
    { status: 'sold_out', label: '售完' },
    { status: 'off_shelf', label: '下架' },
  ],
  sold_out: [
    { status: 'on_sale', label: '上架' },
    { status: 'off_shelf', label: '下架' },
  ],
  off_shelf: [{ status: 'on_sale', label: '上架' }],
  draft: [{ status: 'on_sale', label: '上架' }],
};

interface Props {
  product: Row;
  onStatus: (status: Settable) => void;
  onEdit: () => void;
  onStock: (skuId: string, stock: number) => void;
}

export function ProductRow({ product, onStatus, onEdit, onStock }: Props) {
  const image = displayUrl(product.image);
  return (
    <View className={`card goods-row status-${product.status}`}>
      <View className='goods-row-head'>
        {image ? <Image className='goods-image' src={image} mode='aspectFill' /> : <View className='goods-image' />}
        <View className='goods-info'>
          <Text className='goods-name'>{product.name}</Text>
          <Text className='goods-price'>
            {formatLi(product.fromPriceLi)}/{product.unit}
          </Text>
          <Text className={`goods-status status-badge-${product.status}`}>
            {STATUS_NAMES[product.status]} · 共 {product.totalStock}
            {product.unit}
          </Text>
        </View>
      </View>
      {product.skus.map((sku) => (
        <StockEditor key={sku.id} productId={product.id} sku={sku} unit={product.unit} onSaved={(stock) => onStock(sku.id, stock)} />
      ))}
      <View className='goods-actions'>
        {NEXT[product.status].map((next) => (
          <Button key={next.status} className={`small-button set-status set-${next.status}`} onClick={() => onStatus(next.status)}>
            {next.label}
          </Button>
        ))}
        <Button className='small-button edit-product' onClick={onEdit}>
          编辑
        </Button>
      </View>
    </View>
  );
}
