import type { InboundAttachment, MessageReceivedData } from "@meta-relay/core";

/**
 * What a `message.received` carries, in a few words for the demo's progress rows: the kind, the
 * window, and each of the fields an agent's screen would show.
 */
export function describeReceived(data: MessageReceivedData): string {
  const parts: string[] = [data.kind, data.opensWindow ? "opens the window" : "opens no window"];
  if (data.text !== undefined && data.kind !== "reaction") parts.push(`"${clip(data.text)}"`);
  if (data.payload !== undefined) parts.push(`payload ${clip(data.payload)}`);
  for (const attachment of data.attachments ?? []) parts.push(describeAttachment(attachment));
  if (data.location) parts.push(`location ${data.location.latitude},${data.location.longitude}`);
  if (data.contacts) parts.push(`${data.contacts.length} contact card(s)`);
  if (data.replyTo) {
    parts.push(
      "story" in data.replyTo ? "reply to a story" : `reply to ${data.replyTo.metaMessageId}`,
    );
  }
  if (data.referral)
    parts.push(
      `from ${data.referral.source}${data.referral.adId ? ` ad ${data.referral.adId}` : ""}`,
    );
  if (data.reaction) {
    const emoji = data.reaction.emoji ? ` ${data.reaction.emoji}` : "";
    parts.push(`${data.reaction.action}${emoji}`);
  }
  if (data.groupId !== undefined) parts.push(`group ${data.groupId}`);
  if (data.profile?.name !== undefined) parts.push(`from ${data.profile.name}`);
  return parts.join(" · ");
}

function describeAttachment(attachment: InboundAttachment): string {
  if (attachment.mediaId !== undefined) return `${attachment.type} (media ${attachment.mediaId})`;
  return attachment.type;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
