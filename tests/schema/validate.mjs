// The JSON Schemas of `lspgen schema`, checked with ajv (draft 2020-12):
// every example site (sites/ and tests/golden/examplefield) must pass, and
// every committed bad-input case (tests/invalid/*/site) must fail, except
// the cases listed in cannot-express.json, whose mistakes a schema cannot
// see (each with why). A listed case that the schemas reject after all is
// an error too, so that the list stays true.
//
//   node tests/schema/validate.mjs --lspgen build/lspgen --out build/schema
//
// ajv and yaml come from tests/browser/node_modules (scripts/test.sh runs
// `npm ci` there).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const require = createRequire(join(root, "tests", "browser", "package.json"));
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats").default;
const YAML = require("yaml");

function option(name) {
    const at = process.argv.indexOf(name);
    if (at < 0 || at + 1 >= process.argv.length) {
        console.error(`usage: node validate.mjs --lspgen LSPGEN --out DIR (missing ${name})`);
        process.exit(2);
    }
    return process.argv[at + 1];
}
const lspgen = option("--lspgen");
const out = option("--out");

execFileSync(lspgen, ["schema", "-o", out], { stdio: ["ignore", "ignore", "inherit"] });

const kinds = ["site", "members", "boards", "meetings", "documents", "events", "indicators",
    "glossary", "news", "pages"];
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv, ["date"]);
const validators = {};
for (const kind of kinds) {
    const schema = JSON.parse(readFileSync(join(out, `${kind}.schema.json`), "utf8"));
    validators[kind] = ajv.compile(schema);
}

// The front matter of a Markdown file: the lines between the first two
// `---` lines (lspgen's own rule, load/front_matter.cpp), parsed as YAML.
function frontMatter(text) {
    const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
    if (lines[0] !== "---") return { error: "no front matter" };
    const end = lines.indexOf("---", 1);
    if (end < 0) return { error: "unclosed front matter" };
    return { yaml: lines.slice(1, end).join("\n") };
}

// Every data file of a site folder: [file, kind, YAML text or error].
function dataFiles(site) {
    const files = [];
    for (const kind of kinds.slice(0, 8)) {
        const file = join(site, kind + ".yaml");
        if (existsSync(file) && statSync(file).isFile()) {
            files.push({ file, kind, yaml: readFileSync(file, "utf8") });
        }
    }
    for (const kind of ["news", "pages"]) {
        const dir = join(site, kind);
        if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
        for (const name of readdirSync(dir).filter((n) => n.endsWith(".md")).sort()) {
            const file = join(dir, name);
            if (!statSync(file).isFile()) continue;
            files.push({ file, kind, ...frontMatter(readFileSync(file, "utf8")) });
        }
    }
    return files;
}

// What the schemas say of a site: the YAML problems (the yaml library could
// not read a file) and the schema problems, as lines.
function check(site) {
    const yamlProblems = [];
    const schemaProblems = [];
    for (const { file, kind, yaml, error } of dataFiles(site)) {
        const shown = relative(root, file);
        if (error) {
            yamlProblems.push(`${shown}: ${error}`);
            continue;
        }
        let data;
        try {
            data = YAML.parse(yaml, { prettyErrors: false });
        } catch (e) {
            yamlProblems.push(`${shown}: ${e.message.split("\n")[0]}`);
            continue;
        }
        if (!validators[kind](data === undefined ? null : data)) {
            for (const e of validators[kind].errors) {
                const extra = e.params.additionalProperty ? ` '${e.params.additionalProperty}'`
                    : e.params.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : "";
                schemaProblems.push(`${shown}: ${e.instancePath || "/"} ${e.message}${extra}`);
            }
        }
    }
    return { yamlProblems, schemaProblems };
}

let failures = 0;
function fail(message) {
    console.log(`FAIL ${message}`);
    failures++;
}

// The example sites: all must pass.
const examples = readdirSync(join(root, "sites")).map((n) => join(root, "sites", n));
examples.push(join(root, "tests", "golden", "examplefield"));
for (const site of examples) {
    const { yamlProblems, schemaProblems } = check(site);
    const problems = [...yamlProblems, ...schemaProblems];
    if (problems.length) fail(`${relative(root, site)} does not pass:\n  ${problems.join("\n  ")}`);
    else console.log(`ok   ${relative(root, site)} passes`);
}

// A new site from `lspgen new`: it passes, and the schema each YAML file's
// first line names (relative to the file, as the YAML extension reads it)
// is the one `lspgen schema` writes.
const fresh = join(out, "new-site", "examplefield");
rmSync(join(out, "new-site"), { recursive: true, force: true });
execFileSync(lspgen, ["new", fresh, "--now", "2026-01-20"], { stdio: ["ignore", "ignore", "inherit"] });
for (const kind of kinds.slice(0, 8)) {
    const first = readFileSync(join(fresh, kind + ".yaml"), "utf8").split("\n")[0];
    const named = first.match(/^# yaml-language-server: \$schema=(.+)$/);
    if (!named) {
        fail(`new site: ${kind}.yaml does not start with a yaml-language-server line: ${first}`);
    } else if (readFileSync(join(fresh, named[1]), "utf8") !==
        readFileSync(join(out, `${kind}.schema.json`), "utf8")) {
        fail(`new site: ${kind}.yaml names ${named[1]}, which is not lspgen schema's ${kind}`);
    }
}
{
    const { yamlProblems, schemaProblems } = check(fresh);
    const problems = [...yamlProblems, ...schemaProblems];
    if (problems.length) fail(`the new site does not pass:\n  ${problems.join("\n  ")}`);
    else console.log("ok   a new site from lspgen new passes, and names its schemas");
}

// The bad-input cases.
const cannot = JSON.parse(readFileSync(join(here, "cannot-express.json"), "utf8"));
const invalid = join(root, "tests", "invalid");
const cases = readdirSync(invalid).filter((n) => existsSync(join(invalid, n, "site"))).sort();
let rejected = 0;
for (const name of cases) {
    const { yamlProblems, schemaProblems } = check(join(invalid, name, "site"));
    const why = cannot[name];
    if (schemaProblems.length && !why) {
        rejected++;
        console.log(`ok   ${name}: rejected (${schemaProblems[0]})`);
    } else if (schemaProblems.length && why) {
        fail(`${name} is listed in cannot-express.json, but the schemas reject it: ` +
            `${schemaProblems[0]}; take it off the list`);
    } else if (why) {
        const yamlNote = yamlProblems.length ? ` [yaml: ${yamlProblems[0]}]` : "";
        console.log(`ok   ${name}: not expressible: ${why}${yamlNote}`);
    } else {
        fail(`${name}: the schemas accept it${yamlProblems.length
            ? ` (the yaml library could not read it: ${yamlProblems[0]})` : ""}; make the ` +
            "schema reject it, or list it in tests/schema/cannot-express.json with why");
    }
}
for (const name of Object.keys(cannot)) {
    if (!cases.includes(name)) fail(`cannot-express.json lists '${name}', which is not a case`);
}
console.log(`${examples.length} example sites; ${cases.length} bad-input cases: ${rejected} ` +
    `rejected by the schemas, ${cases.length - rejected} not expressible; ${failures} failures`);
process.exit(failures ? 1 : 0);
