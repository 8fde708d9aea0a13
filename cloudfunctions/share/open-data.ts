// Open data a client hands over as a CloudID, decoded by the platform for the calling user.
import cloud from 'wx-server-sdk';

/**
 * The openGId of the group a CloudID from wx.getShareInfo stands for, or null when it stands for
 * none the caller may claim. cloud.getOpenData makes a svrkit call (ApiGetOpenDataByCloudId) that
 * carries the CloudID alone: the platform decodes it for the user this invocation serves, and
 * answers a made-up, expired (after 5 minutes) or another user's CloudID with an error item.
 */
export async function groupOf(cloudId: string): Promise<string | null> {
  try {
    const { list } = await cloud.getOpenData({ list: [cloudId] });
    const openGId: unknown = list[0]?.data?.openGId;
    return typeof openGId === 'string' && openGId.length > 0 && openGId.length <= 64 ? openGId : null;
  } catch (err) {
    // The platform did not answer: the visit still counts, from no group.
    console.error('[share] getOpenData failed; the visit is recorded without its group', err);
    return null;
  }
}
