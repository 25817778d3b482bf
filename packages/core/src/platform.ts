export const PLATFORMS = ["messenger", "instagram", "whatsapp"] as const;

/** A Meta messaging channel type. */
export type Platform = (typeof PLATFORMS)[number];

export function isPlatform(value: unknown): value is Platform {
  return typeof value === "string" && (PLATFORMS as readonly string[]).includes(value);
}

/** Messenger and Instagram share the Send API and the HUMAN_AGENT tag; WhatsApp has templates. */
export function supportsHumanAgentTag(platform: Platform): boolean {
  return platform !== "whatsapp";
}
