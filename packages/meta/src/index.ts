// Public API of @meta-relay/meta: webhook signatures, payloads and the Graph API client.
export {};
