// Tags as the vendor types them: separated by spaces or commas, each once, in the order typed.
import { CUSTOMER_TAG_MAX, CUSTOMER_TAGS_MAX } from '@core/contracts';

export function parseTags(raw: string): { tags: string[] } | { problem: string } {
  const tags = [...new Set(raw.split(/[\s,，、]+/).filter(Boolean))];
  if (tags.length > CUSTOMER_TAGS_MAX) return { problem: `标签最多 ${CUSTOMER_TAGS_MAX} 个` };
  const long = tags.find((tag) => tag.length > CUSTOMER_TAG_MAX);
  if (long) return { problem: `标签“${long}”太长了，最多 ${CUSTOMER_TAG_MAX} 个字` };
  return { tags };
}
