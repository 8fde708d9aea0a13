import Taro from '@tarojs/taro';

/**
 * Opens an exported .xlsx (发货单, 熟客本): the browser downloads it on H5; on weapp it is saved to
 * a temp file and opened, and Excel or WPS can take it from there.
 */
export async function openSheet(url: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    window.location.assign(url);
    return;
  }
  const { tempFilePath } = await Taro.downloadFile({ url });
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
}
