import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';

interface Props {
  keyword: string;
  onSearch: (keyword: string) => void;
}

/** Find goods by name: type and tap 搜索 (or the keyboard's search key). */
export function SearchBox({ keyword, onSearch }: Props) {
  const [text, setText] = useState(keyword);
  const submit = (value: string) => onSearch(value.trim().slice(0, 20));
  return (
    <View className='search-box'>
      <Input
        className='search-input'
        type='text'
        confirmType='search'
        placeholder='搜索本店商品'
        maxlength={20}
        value={text}
        onInput={(event) => setText(event.detail.value)}
        onConfirm={(event) => submit(event.detail.value)}
      />
      {keyword && (
        <Button
          className='search-clear'
          onClick={() => {
            setText('');
            submit('');
          }}
        >
          清除
        </Button>
      )}
      <Button className='search-button' onClick={() => submit(text)}>
        搜索
      </Button>
    </View>
  );
}
