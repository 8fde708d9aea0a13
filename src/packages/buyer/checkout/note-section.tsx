import { Text, Textarea, View } from '@tarojs/components';

/** 给店主留言: what the buyer wants the vendor to know (optional). */
export function NoteSection({ note, onNote }: { note: string; onNote: (note: string) => void }) {
  return (
    <View className='card checkout-note'>
      <Text className='card-title'>给店主留言</Text>
      <Textarea className='text-area buyer-note-input' maxlength={200} placeholder='比如：腊肉要肥一点（可以不填）' value={note} onInput={(event) => onNote(event.detail.value)} />
    </View>
  );
}
