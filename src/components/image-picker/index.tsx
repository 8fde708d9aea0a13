import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { chooseAndUpload, displayUrl } from '../../api/upload';
import { withPrivacy } from '../../utils/privacy';
import './index.css';

interface Props {
  /** Stored refs (cloud fileIDs or URLs). */
  images: string[];
  max: number;
  onChange: (images: string[]) => void;
  addText?: string;
  big?: boolean;
}

/** Photos as big squares: tap + to take or pick more (uploaded at once), × to drop one. */
export function ImagePicker({ images, max, onChange, addText = '加照片', big = false }: Props) {
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const uploaded = await chooseAndUpload(max - images.length, (pick) => withPrivacy('chooseMedia', pick));
      if (uploaded.length) onChange([...images, ...uploaded.map((file) => file.fileID)].slice(0, max));
    } catch {
      void Taro.showToast({ title: '照片没传上去，请再试一次', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={`image-picker ${big ? 'is-big' : ''}`}>
      {images.map((ref, index) => (
        <View key={ref} className='image-slot'>
          {displayUrl(ref) ? <Image className='image-thumb' src={displayUrl(ref)} mode='aspectFill' /> : <Text className='image-placeholder'>照片{index + 1}</Text>}
          <View className='image-remove' onClick={() => onChange(images.filter((_, i) => i !== index))}>
            ×
          </View>
        </View>
      ))}
      {images.length < max && (
        <View className='image-slot image-add' onClick={() => void add()}>
          <Text className='image-add-plus'>{busy ? '…' : '+'}</Text>
          <Text className='image-add-text'>{busy ? '上传中' : addText}</Text>
        </View>
      )}
    </View>
  );
}
