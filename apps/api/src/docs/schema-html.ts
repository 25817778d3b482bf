import type { JsonSchema } from "./openapi";

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The anchor of a named schema on the page. */
export function schemaAnchor(name: string): string {
  return `schema-${name}`;
}

/** A link to a named schema for a `$ref`, or null when the schema is not a reference. */
export function refLink(schema: JsonSchema): string | null {
  const ref = schema["$ref"];
  if (typeof ref !== "string") return null;
  const name = ref.split("/").pop() ?? ref;
  return `<a class="ref" href="#${schemaAnchor(name)}">${escapeHtml(name)}</a>`;
}

/** A JSON Schema as nested lists of fields: type, constraints, description. */
export function renderSchema(schema: JsonSchema): string {
  const link = refLink(schema);
  if (link) return `<p class="type">${link}</p>`;
  const properties = objectProperties(schema);
  if (properties) return renderFields(schema, properties);
  return `<p class="type">${typeLabel(schema)}${constraints(schema)}</p>${nested(schema)}`;
}

function renderFields(schema: JsonSchema, properties: Record<string, JsonSchema>): string {
  const required = new Set(
    Array.isArray(schema["required"]) ? (schema["required"] as string[]) : [],
  );
  const items = Object.entries(properties).map(([name, property]) => {
    const description =
      typeof property["description"] === "string"
        ? ` <span class="desc">${escapeHtml(property["description"])}</span>`
        : "";
    const flag = required.has(name)
      ? `<span class="req">required</span>`
      : `<span class="opt">optional</span>`;
    return `<li><code class="field">${escapeHtml(name)}</code> <span class="type">${typeLabel(property)}</span> ${flag}${constraints(property)}${description}${nested(property)}</li>`;
  });
  const closed =
    schema["additionalProperties"] === false
      ? `<p class="note">No other fields are accepted.</p>`
      : "";
  return `<ul class="fields">${items.join("")}</ul>${closed}`;
}

/** Objects and arrays of objects open one level further down. */
function nested(schema: JsonSchema): string {
  const properties = objectProperties(schema);
  if (properties) return renderFields(schema, properties);
  const items = schema["items"];
  if (isSchema(items)) {
    const itemProperties = objectProperties(items);
    if (itemProperties) return renderFields(items, itemProperties);
  }
  const alternatives = (schema["anyOf"] ?? schema["oneOf"]) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives)) {
    const rich = alternatives.filter((a) => objectProperties(a));
    if (rich.length > 0) return rich.map((a) => nested(a)).join("");
  }
  return "";
}

function typeLabel(schema: JsonSchema): string {
  const link = refLink(schema);
  if (link) return link;
  if (Array.isArray(schema["enum"])) {
    return `one of ${(schema["enum"] as unknown[]).map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(", ")}`;
  }
  if ("const" in schema) return `<code>${escapeHtml(JSON.stringify(schema["const"]))}</code>`;
  const alternatives = (schema["anyOf"] ?? schema["oneOf"]) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives)) return alternatives.map(typeLabel).join(" or ");
  const type = schema["type"];
  if (type === "array") {
    const items = schema["items"];
    return isSchema(items) && Object.keys(items).length > 0
      ? `array of ${typeLabel(items)}`
      : "array";
  }
  if (Array.isArray(type)) return (type as string[]).map(escapeHtml).join(" or ");
  if (typeof type === "string") return escapeHtml(type);
  return "any";
}

function constraints(schema: JsonSchema): string {
  const notes: string[] = [];
  const add = (key: string, label: string) => {
    if (typeof schema[key] === "number") notes.push(`${label} ${String(schema[key])}`);
  };
  add("minLength", "min length");
  add("maxLength", "max length");
  add("minimum", "≥");
  add("exclusiveMinimum", ">");
  add("maximum", "≤");
  add("minItems", "min items");
  add("maxItems", "max items");
  if (typeof schema["format"] === "string") notes.push(`format ${escapeHtml(schema["format"])}`);
  else if (typeof schema["pattern"] === "string") {
    notes.push(`pattern <code>${escapeHtml(schema["pattern"])}</code>`);
  }
  return notes.length > 0 ? ` <span class="constraints">(${notes.join(", ")})</span>` : "";
}

function objectProperties(schema: JsonSchema): Record<string, JsonSchema> | null {
  const properties = schema["properties"];
  return isSchema(properties) ? (properties as Record<string, JsonSchema>) : null;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
