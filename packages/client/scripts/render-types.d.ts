/** Where the generated types live: src/generated/openapi.ts. */
export declare const TARGET: string;
export declare function renderTypes(document: object): Promise<string>;
