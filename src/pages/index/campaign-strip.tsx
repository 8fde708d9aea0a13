import { Image, Text, View } from '@tarojs/components';
import { Price } from '../../components/price';
import type { CampaignCard } from '@core/contracts';

interface Props {
  campaigns: CampaignCard[];
  onOpen: (campaignId: string) => void;
}

/**
 * 正在跟团: the shop's open (and coming) campaigns above its goods, each opening its campaign page.
 * The time comes ready from the function ("今天 20:00 截团"), which keeps this part of the main package small.
 */
export function CampaignStrip({ campaigns, onOpen }: Props) {
  return (
    <View className='campaign-strip'>
      <Text className='campaign-strip-title'>正在跟团</Text>
      {campaigns.map((campaign) => (
        <View key={campaign.id} className='campaign-row' onClick={() => onOpen(campaign.id)}>
          {campaign.image && <Image className='campaign-row-image' src={campaign.image} mode='aspectFill' lazyLoad />}
          <View className='campaign-row-body'>
            <Text className='campaign-row-title'>{campaign.title}</Text>
            <Text className='campaign-row-line'>{campaign.state === 'open' ? (campaign.entries > 0 ? `已有 ${campaign.entries} 人跟团` : '快来第一个跟团') : '还没开团'}</Text>
            <Text className='campaign-row-line campaign-row-time'>{campaign.timeText}</Text>
            <Price priceLi={campaign.lowestPriceLi} unit={campaign.unit} from={campaign.from} />
          </View>
          <Text className='campaign-row-go'>{campaign.state === 'open' ? '去跟团' : '去看看'}</Text>
        </View>
      ))}
    </View>
  );
}
