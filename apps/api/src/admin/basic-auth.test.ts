import { parseBasic } from "./basic-auth";

const encode = (text: string) => `Basic ${Buffer.from(text, "utf8").toString("base64")}`;

describe("parseBasic", () => {
  it("splits at the first colon, so passwords may contain colons", () => {
    expect(parseBasic(encode("ops:pa:ss:word"))).toEqual({
      username: "ops",
      password: "pa:ss:word",
    });
    expect(parseBasic(encode("ops:"))).toEqual({ username: "ops", password: "" });
    expect(parseBasic(encode("öps:pässwörd"))).toEqual({ username: "öps", password: "pässwörd" });
  });

  it("accepts the scheme in any case and rejects everything else", () => {
    expect(parseBasic(encode("a:b").replace("Basic", "basic"))).toEqual({
      username: "a",
      password: "b",
    });
    expect(parseBasic(undefined)).toBeNull();
    expect(parseBasic("")).toBeNull();
    expect(parseBasic(encode("no-colon"))).toBeNull();
    expect(parseBasic("Bearer abc")).toBeNull();
    expect(parseBasic("Basic ***")).toBeNull();
  });
});
