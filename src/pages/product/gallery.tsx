import { Image, Swiper, SwiperItem } from '@tarojs/components';

export function Gallery({ images }: { images: string[] }) {
  if (images.length === 0) return null;
  return (
    <Swiper className='product-gallery' indicatorDots={images.length > 1} circular={images.length > 1}>
      {images.map((src) => (
        <SwiperItem key={src}>
          <Image className='gallery-image' src={src} mode='aspectFill' />
        </SwiperItem>
      ))}
    </Swiper>
  );
}
