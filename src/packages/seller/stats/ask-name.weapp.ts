// Asking for a group's name on WeChat: showModal with `editable: true` (base library ≥ 2.17.1).
// Taro's typings know neither `editable`/`placeholderText` nor the `content` it resolves with.
import Taro from '@tarojs/taro';

type EditableModalOption = Taro.showModal.Option & { editable: true; placeholderText?: string };
type EditableModalResult = { confirm: boolean; content?: string };

/** Opens a modal asking for a name; resolves with the text typed, or null when cancelled. */
export const askNameInModal: ((current: string) => Promise<string | null>) | null = async (current) => {
  const option: EditableModalOption = {
    title: '给这个群起个名字',
    content: current,
    editable: true,
    placeholderText: '比如：呼中同乡群',
    confirmText: '保存',
    cancelText: '不改了',
  };
  try {
    const result = (await Taro.showModal(option)) as EditableModalResult;
    return result.confirm ? (result.content ?? '') : null;
  } catch {
    return null;
  }
};
