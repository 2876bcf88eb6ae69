import { describe, expect, it } from "vitest";
import { loadYamlFile } from "../../src/core/validation.ts";
import { siteSchema } from "../../src/site/content/schemas.ts";
import { feedId, withPublicUrl } from "../../src/site/editorial/site-url.ts";
import { PROJECT_ROOT } from "../support/site-build.ts";

const site = loadYamlFile(`${PROJECT_ROOT}/_data/site.yaml`, siteSchema);

describe("the site's public address", () => {
  it("is left empty in site.yaml until the group chooses one, the blog keeping its own address", () => {
    expect(site.url).toBe("");
    expect(site.blog).toBe("https://laicite-brest.net/");
  });

  it("is the deployment's when the build is given one, whatever site.yaml says", () => {
    expect(withPublicUrl({ ...site, url: "https://choisie.example" }, "https://groupe.github.io/").url).toBe("https://groupe.github.io");
  });

  it("is the one the group chose when the deployment gives none", () => {
    expect(withPublicUrl({ ...site, url: "https://choisie.example" }, undefined).url).toBe("https://choisie.example");
    expect(withPublicUrl(site, "  ").url).toBe("");
  });

  it("refuses a deployment address that is not a full http(s) address", () => {
    expect(() => withPublicUrl(site, "groupe.github.io")).toThrow(/SITE_URL/);
  });
});

describe("feed ids without an address", () => {
  it("are stable URNs, one per path", () => {
    expect(feedId("/blog/x/")).toBe(feedId("/blog/x/"));
    expect(feedId("/blog/x/")).not.toBe(feedId("/blog/y/"));
    expect(feedId("/blog/x/")).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("are the address itself once it is absolute", () => {
    expect(feedId("https://groupe.github.io/depot/blog/x/")).toBe("https://groupe.github.io/depot/blog/x/");
  });
});
