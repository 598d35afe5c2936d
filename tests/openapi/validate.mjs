// Checks docs/openapi.yaml, and the server's answers against it.
//
//   node validate.mjs DOCUMENT               the document against the OpenAPI 3.1 schema
//   node validate.mjs DOCUMENT EXCHANGES     ... and every exchange recorded in the folder
//                                            EXCHANGES (tests/support/openapi_record.hpp)
//
// Each exchange must hit a documented path and method, with a status the
// operation documents (or one of the document's x-tavolo-transport-responses,
// which the HTTP layer may give any request), a media type the answer lists,
// a JSON body valid against its schema (JSON Schema 2020-12, ajv) and the
// required headers the answer lists. Every mismatch is printed with the test,
// the exchange and the schema path; the exit code is 1 if there is any.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { Validator } from "@seriousme/openapi-schema-validator";
import ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const Ajv2020 = ajv2020Module.default ?? ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
const DOCUMENT_ID = "https://tavolo.invalid/openapi.yaml";

// A JSON pointer's segment, escaped (RFC 6901) and fit for a URI fragment.
const segment = (s) => encodeURIComponent(String(s).replace(/~/g, "~0").replace(/\//g, "~1"));
const pointerOf = (parts) => parts.map(segment).join("/");

// The object a local $ref names, and its pointer; other objects as they are.
function resolve(document, node, parts) {
  let seen = 0;
  while (node && typeof node.$ref === "string" && seen++ < 20) {
    if (!node.$ref.startsWith("#/")) throw new Error(`only local $ref are supported: ${node.$ref}`);
    parts = node.$ref.slice(2).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    node = parts.reduce((at, p) => at?.[p], document);
  }
  return { node, parts };
}

// The document's paths as patterns, the ones with fewer {parameters} first so
// that a fixed segment wins over a parameter.
function pathPatterns(document) {
  return Object.keys(document.paths ?? {})
    .map((template) => {
      const source = template
        .split(/(\{[^}]+\})/)
        .map((piece) => (piece.startsWith("{") ? "[^/]+" : piece.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
        .join("");
      return { template, regex: new RegExp(`^${source}$`), params: (template.match(/\{/g) ?? []).length };
    })
    .sort((a, b) => a.params - b.params);
}

function mediaTypeOf(contentType) {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

// The key of `content` that describes `type`: itself, its type/*, or */*.
function contentKeyFor(content, type) {
  const keys = Object.keys(content ?? {});
  return (
    keys.find((k) => k.toLowerCase() === type) ??
    keys.find((k) => k.toLowerCase() === `${type.split("/")[0]}/*`) ??
    keys.find((k) => k === "*/*")
  );
}

const isJson = (type) => type === "application/json" || type.endsWith("+json");

class ExchangeChecker {
  constructor(document) {
    this.document = document;
    this.patterns = pathPatterns(document);
    // verbose: each error carries the schema object it failed in, found
    // again in the document by identity (where) to name it in the report.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, verbose: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
    this.where = new Map();
    const walk = (node, parts) => {
      if (!node || typeof node !== "object" || this.where.has(node)) return;
      this.where.set(node, `#/${pointerOf(parts)}`);
      for (const [k, v] of Object.entries(node)) walk(v, [...parts, k]);
    };
    walk(document, []);
    this.compiled = new Map();
    this.exercised = new Set();
  }

  validatorAt(parts) {
    const ref = `${DOCUMENT_ID}#/${pointerOf(parts)}`;
    if (!this.compiled.has(ref)) this.compiled.set(ref, this.ajv.compile({ $ref: ref }));
    return this.compiled.get(ref);
  }

  // The answer the document gives for this status: the operation's, else
  // the transport's (any request may get those); with its pointer.
  responseFor(operation, operationParts, status) {
    const code = String(status);
    const wildcard = `${code[0]}XX`;
    for (const key of [code, wildcard, "default"])
      if (operation?.responses?.[key])
        return resolve(this.document, operation.responses[key], [...operationParts, "responses", key]);
    const transport = this.document["x-tavolo-transport-responses"]?.[code];
    if (transport) return resolve(this.document, transport, ["x-tavolo-transport-responses", code]);
    return null;
  }

  // The problems of one exchange: [] when it matches the document; null when
  // it is not the API's (a static file).
  check(x) {
    const path = x.target.split("?")[0];
    const match = this.patterns.find((p) => p.regex.test(path));
    if (!match && !path.startsWith("/api/")) return null;
    const method = x.method.toLowerCase() === "head" ? "get" : x.method.toLowerCase();
    const pathItem = match ? this.document.paths[match.template] : undefined;
    const operation = pathItem?.[method];
    const operationParts = ["paths", match?.template, method];
    const found = this.responseFor(operation, operationParts, x.status);
    if (!found) {
      if (!match) return [`the path is not in the document (and ${x.status} is no transport answer)`];
      if (!operation) return [`${x.method} is not documented for ${match.template} (and ${x.status} is no transport answer)`];
      return [`status ${x.status} is not documented for ${method.toUpperCase()} ${match.template}`];
    }
    if (operation) this.exercised.add(`${method.toUpperCase()} ${match.template}`);
    return [...this.checkHeaders(x, found), ...this.checkBody(x, found)];
  }

  checkHeaders(x, { node: response, parts }) {
    const problems = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const { node, parts: headerParts } = resolve(this.document, header, [...parts, "headers", name]);
      const value = x.headers?.[name.toLowerCase()];
      if (value === undefined) {
        // Only the headers the recorder keeps can be checked.
        const recorded = ["etag", "retry-after", "set-cookie", "allow", "content-disposition", "content-security-policy"];
        if (node.required && recorded.includes(name.toLowerCase()))
          problems.push(`the required header ${name} is missing (#/${pointerOf(headerParts)})`);
        continue;
      }
      if (node.schema && x.method !== "HEAD") {
        const validate = this.validatorAt([...headerParts, "schema"]);
        if (!validate(value))
          problems.push(`header ${name}: ${JSON.stringify(value)} ${this.ajv.errorsText(validate.errors)} (#/${pointerOf([...headerParts, "schema"])})`);
      }
    }
    return problems;
  }

  checkBody(x, { node: response, parts }) {
    const type = mediaTypeOf(x.content_type);
    if (!response.content) {
      return x.body_bytes > 0 ? [`the answer has a ${type} body, the document none`] : [];
    }
    const key = contentKeyFor(response.content, type);
    if (!key) return [`media type ${type || "(none)"} is not one of ${Object.keys(response.content).join(", ")}`];
    if (!isJson(type) || x.method === "HEAD") return [];
    if (x.body_text !== undefined) return [`the body is not JSON: ${x.body_text.slice(0, 200)}`];
    if (!response.content[key].schema) return [];
    const schemaParts = [...parts, "content", key, "schema"];
    const validate = this.validatorAt(schemaParts);
    if (validate(x.body ?? null)) return [];
    return validate.errors.map((e) => {
      const params = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : "";
      const schema = this.where.get(e.parentSchema) ?? `#/${pointerOf(schemaParts)}`;
      return `body${e.instancePath || ""} ${e.message}${params} (schema ${schema}/${e.keyword})`;
    });
  }

  operations() {
    const out = [];
    for (const [template, item] of Object.entries(this.document.paths ?? {}))
      for (const method of METHODS) if (item[method]) out.push(`${method.toUpperCase()} ${template}`);
    return out;
  }
}

function readExchanges(folder) {
  if (!existsSync(folder)) return [];
  const out = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".jsonl")).sort())
    for (const line of readFileSync(join(folder, file), "utf8").split("\n"))
      if (line.trim()) out.push(JSON.parse(line));
  return out;
}

async function main() {
  const [documentPath, exchangesFolder] = process.argv.slice(2);
  if (!documentPath) {
    console.error("usage: node validate.mjs DOCUMENT [EXCHANGES_FOLDER]");
    return 2;
  }
  const started = performance.now();
  const document = parse(readFileSync(documentPath, "utf8"));
  const verdict = await new Validator().validate(structuredClone(document));
  if (!verdict.valid) {
    console.error(`${documentPath} is not a valid OpenAPI ${document.openapi} document:`);
    console.error(JSON.stringify(verdict.errors, null, 2));
    return 1;
  }
  console.log(`${documentPath}: valid OpenAPI ${document.openapi}`);
  if (!exchangesFolder) return 0;

  const checker = new ExchangeChecker(document);
  const exchanges = readExchanges(exchangesFolder);
  let checked = 0;
  // One entry per exchange and its problems; exchanges alike (same method,
  // path, status and problems) are told once, with how many there are.
  const failures = new Map();
  for (const x of exchanges) {
    const problems = checker.check(x);
    if (problems === null) continue;
    ++checked;
    if (problems.length === 0) continue;
    const key = [x.method, x.target.split("?")[0], x.status, ...problems].join("\n");
    if (!failures.has(key)) failures.set(key, { problems, list: [] });
    failures.get(key).list.push(x);
  }
  const operations = checker.operations();
  const untested = operations.filter((o) => !checker.exercised.has(o));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${checked} API exchanges of ${exchanges.length} recorded, checked in ${seconds} s; ` +
      `${operations.length - untested.length} of ${operations.length} operations exercised`,
  );
  if (untested.length) console.log(`not exercised by the integration tests: ${untested.join(", ")}`);
  if (checked === 0) {
    console.error(`no API exchange recorded in ${exchangesFolder}: is TAVOLO_OPENAPI_RECORD set for the integration tests?`);
    return 1;
  }
  if (failures.size === 0) return 0;
  const count = [...failures.values()].reduce((n, f) => n + f.list.length, 0);
  console.error(`\n${count} answers do not match ${documentPath}:`);
  for (const { problems, list } of failures.values()) {
    const x = list[0];
    console.error(`\nFAIL ${x.method} ${x.target} → ${x.status} ${x.content_type}`);
    console.error(`  in test "${x.test}"${list.length > 1 ? ` (and ${list.length - 1} more exchanges like it)` : ""}`);
    for (const problem of problems) console.error(`  - ${problem}`);
    if (x.body !== undefined) console.error(`  body: ${JSON.stringify(x.body).slice(0, 400)}`);
  }
  return 1;
}

process.exitCode = await main();
