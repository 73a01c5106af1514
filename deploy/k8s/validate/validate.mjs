#!/usr/bin/env node
// Offline validation of the RenderFarm Kubernetes manifests.
//
//   node validate.mjs [overlayDir...]        render each overlay (default: ../overlays/dev and ../overlays/prod) with
//                                            `kubectl kustomize` and validate it
//   node validate.mjs --file rendered.yaml   validate an already rendered file (YAML stream, a List, or a JSON array)
//
// Options:
//   --print | --print-json            print the rendered objects (YAML / JSON array) instead of validating
//
// Rendering is kustomize's own (kubectl kustomize, kustomize v4 or later; scripts/services.sh ensure_kubectl installs
// a pinned kubectl where it is missing). The kustomization's YAML sources are linted for YAML 1.1 ambiguities first.
// Validation: every object against its schema (kubernetes-models, @kubernetes-models/keda and /prometheus-operator)
// plus unknown fields, then generic Kubernetes hygiene (selectors, ports, Secret/ConfigMap keys, autoscaler targets,
// KEDA auth, restricted pod security, pinned images, resources), then RenderFarm's own rules, one named check each
// (FARM_RULES below: a failure reads "[rule-name] ..."). Exit code 0 when everything passes, 1 when anything fails
// (every failure is listed), 2 for usage or render errors.

import { existsSync, readFileSync, statSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const K8S_ROOT = path.resolve(HERE, "..");
const REPO_ROOT = path.resolve(K8S_ROOT, "..", "..");
const DEFAULT_OVERLAYS = [path.join(K8S_ROOT, "overlays", "dev"), path.join(K8S_ROOT, "overlays", "prod")];

const rel = (p) => {
  const r = path.relative(process.cwd(), p);
  return r.startsWith(`..${path.sep}..${path.sep}..`) ? p : r || ".";
};
const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

class UsageError extends Error {}
class RenderError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// YAML loading (+ YAML 1.1 ambiguity lint: kubectl and the API server read YAML 1.1, where yes/on/off are booleans
// and 0755 is octal, while this parser reads YAML 1.2; an unquoted such value means different things to each).
// ---------------------------------------------------------------------------------------------------------------

const YAML11_BOOL = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const YAML11_OCTAL = /^[-+]?0[0-7_]+$/;

function parseYamlStream(text, source, lint) {
  const lineCounter = new YAML.LineCounter();
  const docs = YAML.parseAllDocuments(text, { lineCounter, prettyErrors: true });
  const objects = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors?.length) throw new RenderError(`${source}: YAML error: ${doc.errors[0].message}`);
    if (lint) {
      YAML.visit(doc, {
        Scalar(key, node) {
          if (key === "key" || node.type !== "PLAIN" || typeof node.source !== "string") return;
          const line = node.range ? lineCounter.linePos(node.range[0]).line : "?";
          if (YAML11_BOOL.test(node.source))
            lint.push(`${source}:${line}: unquoted "${node.source}" is a boolean in YAML 1.1 (kubectl) but a string here: quote it`);
          else if (YAML11_OCTAL.test(node.source))
            lint.push(`${source}:${line}: unquoted "${node.source}" is octal in YAML 1.1 (kubectl) but decimal here: quote it or write it in decimal`);
        },
      });
    }
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) objects.push(...value);
    else if (isObj(value) && value.kind === "List" && Array.isArray(value.items)) objects.push(...value.items);
    else objects.push(value);
  }
  return objects;
}

// ---------------------------------------------------------------------------------------------------------------
// kubectl kustomize
// ---------------------------------------------------------------------------------------------------------------

// kubectl, if on PATH, and whether its embedded kustomize is recent enough for these kustomizations (the "patches"
// field and configMapGenerator options need kustomize v4+; Debian bookworm's kubernetes-client 1.20 embeds v2).
function kubectlOnPath() {
  const r = spawnSync("kubectl", ["version", "--client", "-o", "json"], { encoding: "utf8" });
  if (r.error || r.status !== 0) return null;
  let v = {};
  try {
    v = JSON.parse(r.stdout);
  } catch {
    // very old kubectl: no JSON output
  }
  const kustomize = v.kustomizeVersion ?? null;
  const major = Number(/^v?(\d+)/.exec(kustomize ?? "")?.[1] ?? 0);
  return { label: `kubectl ${v.clientVersion?.gitVersion ?? "?"}, kustomize ${kustomize ?? "?"}`, usable: major >= 4 };
}

function renderKubectl(dir) {
  const r = spawnSync("kubectl", ["kustomize", dir], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new RenderError(`kubectl kustomize ${rel(dir)}: ${r.error.message}`);
  if (r.status !== 0) throw new RenderError(`kubectl kustomize ${rel(dir)} failed:\n${r.stderr.trim()}`);
  return parseYamlStream(r.stdout, `kubectl kustomize ${rel(dir)}`);
}

// The YAML files a kustomization reads (its resources, recursively, and its patch files), for the YAML 1.1 lint:
// kustomize itself reads YAML 1.1 and would turn an unquoted "on" into true without a word.
function kustomizationSources(dir, seen = new Set()) {
  const kfile = ["kustomization.yaml", "kustomization.yml", "Kustomization"].map((f) => path.join(dir, f)).find(existsSync);
  if (!kfile || seen.has(kfile)) return [];
  seen.add(kfile);
  const k = YAML.parse(readFileSync(kfile, "utf8")) ?? {};
  const files = [kfile];
  for (const entry of [...(k.resources ?? []), ...(k.components ?? [])]) {
    const target = path.resolve(dir, entry);
    if (!existsSync(target)) continue; // kustomize reports it
    if (statSync(target).isDirectory()) files.push(...kustomizationSources(target, seen));
    else files.push(target);
  }
  for (const patch of k.patches ?? []) if (patch?.path) files.push(path.resolve(dir, patch.path));
  return files.filter((f) => /\.ya?ml$/.test(f) || path.basename(f) === "Kustomization");
}

function parseImage(image) {
  let rest = image, digest;
  const at = rest.indexOf("@");
  if (at >= 0) [rest, digest] = [rest.slice(0, at), rest.slice(at + 1)];
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) [rest, tag] = [rest.slice(0, colon), rest.slice(colon + 1)];
  return { name: rest, tag, digest };
}

// ---------------------------------------------------------------------------------------------------------------
// Object helpers
// ---------------------------------------------------------------------------------------------------------------

const nsOf = (o) => o?.metadata?.namespace ?? "";
const nameOf = (o) => o?.metadata?.name ?? "<unnamed>";
function idOf(o) {
  const ns = nsOf(o);
  return `${o?.kind ?? "<no kind>"} ${ns ? `${ns}/` : ""}${nameOf(o)}`;
}

function podTemplatesOf(o) {
  const spec = o?.spec;
  let t = null;
  switch (o?.kind) {
    case "Deployment": case "StatefulSet": case "DaemonSet": case "ReplicaSet": case "Job": case "ReplicationController":
      t = spec?.template; break;
    case "CronJob":
      t = spec?.jobTemplate?.spec?.template; break;
    case "Pod":
      t = { metadata: o.metadata, spec }; break;
  }
  return t && isObj(t.spec) ? [t] : [];
}

// Every Service an Ingress sends to, with where it is named ("host/path" or defaultBackend).
function ingressBackends(ing) {
  const backends = [];
  if (ing.spec?.defaultBackend?.service) backends.push(["defaultBackend", ing.spec.defaultBackend.service]);
  for (const rule of ing.spec?.rules ?? [])
    for (const p of rule.http?.paths ?? [])
      if (p.backend?.service) backends.push([`${rule.host ?? "*"}${p.path ?? ""}`, p.backend.service]);
  return backends;
}

function matchExpression(expr, labels) {
  const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
  switch (expr.operator) {
    case "In": return has && (expr.values ?? []).includes(labels[expr.key]);
    case "NotIn": return !has || !(expr.values ?? []).includes(labels[expr.key]);
    case "Exists": return has;
    case "DoesNotExist": return !has;
    default: return false;
  }
}
function matchesLabelSelector(selector, labels) {
  if (!isObj(selector)) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) if (!matchExpression(e, labels)) return false;
  return true;
}
const matchesMap = (map, labels) => Object.entries(map).every(([k, v]) => labels[k] === v);
function describeSelector(selector) {
  if (!isObj(selector)) return String(selector);
  const parts = Object.entries(selector.matchLabels ?? (selector.matchExpressions ? {} : selector)).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) parts.push(`${e.key} ${e.operator} (${(e.values ?? []).join(",")})`);
  return `{${parts.join(", ")}}`;
}

const allContainers = (spec) => [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
const servingContainers = (spec) => [...(spec.containers ?? []), ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always")];
function podPorts(spec) {
  return servingContainers(spec).flatMap((c) => c.ports ?? []);
}
function containerHasPort(container, port) {
  return (container.ports ?? []).some((p) => (typeof port === "string" ? p.name === port : p.containerPort === port));
}
function podHasPort(spec, port) {
  return podPorts(spec).some((p) => (typeof port === "string" ? p.name === port : p.containerPort === port));
}

function parseDuration(value) {
  // .NET TimeSpan "[d.]hh:mm:ss[.fff]"
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(String(value ?? "").trim());
  if (!m) return null;
  return (Number(m[1] ?? 0) * 86400) + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) + Number(`0.${m[5] ?? 0}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Schema validation (kubernetes-models) and unknown-field detection
// ---------------------------------------------------------------------------------------------------------------

function modelModule(apiVersion, kind) {
  if (apiVersion === "keda.sh/v1alpha1") return `@kubernetes-models/keda/keda.sh/v1alpha1/${kind}`;
  if (apiVersion === "monitoring.coreos.com/v1") return `@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

const modelCache = new Map();
async function modelClass(apiVersion, kind) {
  const spec = modelModule(apiVersion, kind);
  if (!modelCache.has(spec)) {
    modelCache.set(spec, import(spec).then((m) => m[kind] ?? null, () => null));
  }
  return modelCache.get(spec);
}

// The compiled validators read every property their schema declares (and enumerate maps). Running one over proxies
// that record reads tells which keys of an object the schema does not know: a typo such as "readinessprobe".
function unknownFields(Model, obj) {
  const nodes = [];
  const track = (value, at) => {
    if (Array.isArray(value)) return value.map((v, i) => track(v, `${at}/${i}`));
    if (!isObj(value)) return value;
    const info = { at, obj: value, read: new Set(), enumerated: false };
    nodes.push(info);
    const target = {};
    for (const [k, v] of Object.entries(value)) target[k] = track(v, `${at}/${k}`);
    return new Proxy(target, {
      get(t, k, r) { if (typeof k === "string") info.read.add(k); return Reflect.get(t, k, r); },
      has(t, k) { if (typeof k === "string") info.read.add(k); return Reflect.has(t, k); },
      ownKeys(t) { info.enumerated = true; return Reflect.ownKeys(t); },
    });
  };
  const proxied = track(obj, "");
  try {
    Model.prototype.validate.call(proxied);
  } catch {
    // schema errors are reported separately
  }
  const unknown = [];
  for (const n of nodes) {
    if (n.enumerated || n.read.size === 0) continue; // a map or free-form object
    for (const k of Object.keys(n.obj)) if (!n.read.has(k)) unknown.push(`${n.at}/${k}`);
  }
  return unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------------------

class Report {
  constructor() { this.failures = []; this.warnings = []; this.counts = new Map(); }
  fail(o, message) { this.failures.push(o ? `${idOf(o)}: ${message}` : message); }
  warn(o, message) { this.warnings.push(o ? `${idOf(o)}: ${message}` : message); }
  count(what, n = 1) { this.counts.set(what, (this.counts.get(what) ?? 0) + n); }
}

async function validateObjects(objects, report) {
  // identity
  const ids = new Set();
  const valid = [];
  for (const o of objects) {
    if (!isObj(o)) { report.fail(null, `a document is not an object: ${JSON.stringify(o).slice(0, 80)}`); continue; }
    if (typeof o.apiVersion !== "string" || typeof o.kind !== "string" || typeof o.metadata?.name !== "string") {
      report.fail(o, "apiVersion, kind and metadata.name are required");
      continue;
    }
    const id = idOf(o);
    if (ids.has(id)) report.fail(o, "defined more than once");
    ids.add(id);
    valid.push(o);
  }

  // schemas
  for (const o of valid) {
    const Model = await modelClass(o.apiVersion, o.kind);
    report.count("schema");
    if (!Model) { report.fail(o, `no schema known for apiVersion "${o.apiVersion}" kind "${o.kind}"`); continue; }
    try {
      new Model(clone(o)).validate();
    } catch (e) {
      const errors = e.errors ?? [{ instancePath: "", message: e.message }];
      const seen = new Set();
      for (const er of errors) {
        const allowed = er.params?.allowedValues ? ` (allowed: ${er.params.allowedValues.join(", ")})` : "";
        const missing = er.params?.missingProperty ? ` "${er.params.missingProperty}"` : "";
        const line = `schema: ${er.instancePath || "/"} ${er.message}${missing && !er.message.includes(er.params.missingProperty) ? missing : ""}${allowed}`;
        if (!seen.has(line)) { seen.add(line); report.fail(o, line); }
      }
    }
    for (const field of unknownFields(Model, clone(o))) report.fail(o, `schema: ${field} is not a known field`);
  }

  const find = (kind, ns, name) => valid.find((o) => o.kind === kind && nsOf(o) === ns && nameOf(o) === name);
  const ofKind = (...kinds) => valid.filter((o) => kinds.includes(o.kind));
  const pods = valid.flatMap((o) => podTemplatesOf(o).map((t) => ({ owner: o, ns: nsOf(o), labels: t.metadata?.labels ?? {}, spec: t.spec })));
  const podsIn = (ns) => pods.filter((p) => p.ns === ns);

  const secretKeys = (o) => new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {})]);
  const configMapKeys = (o) => new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.binaryData ?? {})]);
  function checkRef(owner, where, kind, name, key, optional) {
    report.count("references");
    if (optional) return;
    const target = find(kind, nsOf(owner), name);
    if (!target) { report.fail(owner, `${where} refers to ${kind} "${name}", which does not exist`); return; }
    if (key !== undefined) {
      const keys = kind === "Secret" ? secretKeys(target) : configMapKeys(target);
      if (!keys.has(key)) report.fail(owner, `${where} refers to key "${key}" of ${kind} "${name}", which has no such key (has: ${[...keys].join(", ") || "none"})`);
    }
  }

  // effective environment of a container: envFrom ConfigMaps (values) and env
  function containerEnv(owner, container) {
    const env = new Map();
    for (const from of container.envFrom ?? []) {
      const cm = from.configMapRef && find("ConfigMap", nsOf(owner), from.configMapRef.name);
      for (const [k, v] of Object.entries(cm?.data ?? {})) env.set(`${from.prefix ?? ""}${k}`, v);
      const secret = from.secretRef && find("Secret", nsOf(owner), from.secretRef.name);
      for (const k of secret ? secretKeys(secret) : []) env.set(`${from.prefix ?? ""}${k}`, "<secret>");
    }
    for (const e of container.env ?? []) env.set(e.name, e.value ?? "<from valueFrom>");
    return env;
  }

  // ---- workloads ----
  for (const p of pods) {
    const o = p.owner, spec = p.spec;
    if (["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"].includes(o.kind)) {
      report.count("selectors");
      if (!matchesLabelSelector(o.spec?.selector, p.labels))
        report.fail(o, `spec.selector ${describeSelector(o.spec?.selector)} does not match its pod template labels ${describeSelector(p.labels)}`);
    }
    if (o.kind === "StatefulSet" && o.spec?.serviceName && !find("Service", p.ns, o.spec.serviceName))
      report.fail(o, `spec.serviceName "${o.spec.serviceName}" is not a Service in this render`);
    if (spec.serviceAccountName && spec.serviceAccountName !== "default" && !find("ServiceAccount", p.ns, spec.serviceAccountName))
      report.fail(o, `serviceAccountName "${spec.serviceAccountName}" does not exist`);

    const volumes = new Map((spec.volumes ?? []).map((v) => [v.name, v]));
    const names = new Set();
    for (const v of spec.volumes ?? []) {
      if (v.configMap) checkRef(o, `volume "${v.name}"`, "ConfigMap", v.configMap.name, undefined, v.configMap.optional);
      if (v.secret) checkRef(o, `volume "${v.name}"`, "Secret", v.secret.secretName, undefined, v.secret.optional);
      for (const item of v.configMap?.items ?? []) checkRef(o, `volume "${v.name}"`, "ConfigMap", v.configMap.name, item.key, v.configMap.optional);
      for (const item of v.secret?.items ?? []) checkRef(o, `volume "${v.name}"`, "Secret", v.secret.secretName, item.key, v.secret.optional);
      for (const src of v.projected?.sources ?? []) {
        if (src.configMap) for (const item of src.configMap.items ?? [undefined]) checkRef(o, `volume "${v.name}"`, "ConfigMap", src.configMap.name, item?.key, src.configMap.optional);
        if (src.secret) for (const item of src.secret.items ?? [undefined]) checkRef(o, `volume "${v.name}"`, "Secret", src.secret.name, item?.key, src.secret.optional);
      }
      if (v.hostPath) report.fail(o, `volume "${v.name}" is a hostPath (not allowed by the restricted Pod Security Standard)`);
    }

    for (const c of allContainers(spec)) {
      const where = `container "${c.name}"`;
      if (names.has(c.name)) report.fail(o, `${where} is defined twice`);
      names.add(c.name);
      for (const m of c.volumeMounts ?? []) {
        report.count("references");
        if (!volumes.has(m.name)) report.fail(o, `${where} mounts volume "${m.name}", which the pod does not define`);
      }
      const defined = new Set();
      for (const from of c.envFrom ?? []) {
        if (from.configMapRef) checkRef(o, `${where} envFrom`, "ConfigMap", from.configMapRef.name, undefined, from.configMapRef.optional);
        if (from.secretRef) checkRef(o, `${where} envFrom`, "Secret", from.secretRef.name, undefined, from.secretRef.optional);
        const cm = from.configMapRef && find("ConfigMap", p.ns, from.configMapRef.name);
        for (const k of Object.keys(cm?.data ?? {})) defined.add(`${from.prefix ?? ""}${k}`);
        const secret = from.secretRef && find("Secret", p.ns, from.secretRef.name);
        for (const k of secret ? secretKeys(secret) : []) defined.add(`${from.prefix ?? ""}${k}`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom;
        if (ref?.configMapKeyRef) checkRef(o, `${where} env ${e.name}`, "ConfigMap", ref.configMapKeyRef.name, ref.configMapKeyRef.key, ref.configMapKeyRef.optional);
        if (ref?.secretKeyRef) checkRef(o, `${where} env ${e.name}`, "Secret", ref.secretKeyRef.name, ref.secretKeyRef.key, ref.secretKeyRef.optional);
        for (const [, name] of String(e.value ?? "").matchAll(/(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g))
          if (!defined.has(name)) report.fail(o, `${where} env ${e.name} uses $(${name}), which is not defined before it (Kubernetes would leave it verbatim)`);
        defined.add(e.name);
      }
      for (const probeName of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const probe = c[probeName];
        if (!probe) continue;
        const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
        if (port === undefined) continue;
        report.count("probes");
        if (!containerHasPort(c, port)) report.fail(o, `${where} ${probeName} uses port ${JSON.stringify(port)}, which the container does not declare`);
      }
      // images: pinned
      report.count("images");
      if (typeof c.image === "string") {
        const { tag, digest } = parseImage(c.image);
        if (!digest && (!tag || tag === "latest")) report.fail(o, `${where} image "${c.image}" is not pinned (needs a tag other than latest, or a digest)`);
      }
      // resources
      const req = c.resources?.requests ?? {}, lim = c.resources?.limits ?? {};
      if (req.cpu === undefined || req.memory === undefined || lim.memory === undefined)
        report.fail(o, `${where} needs resources.requests.cpu, requests.memory and limits.memory`);
      // security: restricted Pod Security Standard + read-only root filesystem
      report.count("security");
      const psc = spec.securityContext ?? {}, sc = c.securityContext ?? {};
      if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) report.fail(o, `${where} must run with runAsNonRoot: true`);
      if ((sc.runAsUser ?? psc.runAsUser) === 0) report.fail(o, `${where} runs as UID 0`);
      if (sc.allowPrivilegeEscalation !== false) report.fail(o, `${where} must set allowPrivilegeEscalation: false`);
      if (sc.privileged) report.fail(o, `${where} is privileged`);
      if (!(sc.capabilities?.drop ?? []).includes("ALL")) report.fail(o, `${where} must drop ALL capabilities`);
      for (const cap of sc.capabilities?.add ?? []) if (cap !== "NET_BIND_SERVICE") report.fail(o, `${where} adds capability ${cap}`);
      const seccomp = (sc.seccompProfile ?? psc.seccompProfile)?.type;
      if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") report.fail(o, `${where} needs seccompProfile RuntimeDefault (pod or container)`);
      if (sc.readOnlyRootFilesystem !== true) report.fail(o, `${where} must set readOnlyRootFilesystem: true (mount an emptyDir where it writes)`);
      for (const port of c.ports ?? []) if (port.hostPort) report.fail(o, `${where} uses hostPort ${port.hostPort}`);
    }
    if (spec.hostNetwork || spec.hostPID || spec.hostIPC) report.fail(o, "uses the host's network, PID or IPC namespace");
  }

  // ---- Services ----
  for (const s of ofKind("Service")) {
    const selector = s.spec?.selector;
    if (!selector || !Object.keys(selector).length) {
      if (s.spec?.type !== "ExternalName") report.warn(s, "has no selector (its endpoints must be managed by hand)");
      continue;
    }
    report.count("services");
    const selected = podsIn(nsOf(s)).filter((p) => matchesMap(selector, p.labels));
    if (!selected.length) { report.fail(s, `selector ${describeSelector(selector)} matches no pods in this render`); continue; }
    for (const port of s.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const p of selected)
        if (!podHasPort(p.spec, target))
          report.fail(s, `port ${port.name ?? port.port} targets ${JSON.stringify(target)}, which ${idOf(p.owner)} does not declare as a containerPort`);
    }
  }

  // ---- Ingress ----
  for (const ing of ofKind("Ingress")) {
    for (const [where, b] of ingressBackends(ing)) {
      report.count("ingress backends");
      const svc = find("Service", nsOf(ing), b.name);
      if (!svc) { report.fail(ing, `backend ${where} refers to Service "${b.name}", which does not exist`); continue; }
      const ok = (svc.spec?.ports ?? []).some((sp) => (b.port?.name !== undefined ? sp.name === b.port.name : sp.port === b.port?.number));
      if (!ok) report.fail(ing, `backend ${where} refers to port ${JSON.stringify(b.port?.name ?? b.port?.number)} of Service "${b.name}", which has no such port`);
    }
    for (const tls of ing.spec?.tls ?? [])
      if (tls.secretName && !find("Secret", nsOf(ing), tls.secretName))
        report.warn(ing, `TLS Secret "${tls.secretName}" is not in this render (expected from cert-manager or created by hand)`);
  }

  // ---- scale targets ----
  const scaledObjects = ofKind("ScaledObject");
  function scaleTarget(owner, ref, defaults) {
    const kind = ref?.kind ?? defaults.kind;
    const target = find(kind, nsOf(owner), ref?.name);
    if (!target) report.fail(owner, `scaleTargetRef ${kind}/${ref?.name} does not exist in this render`);
    else if (ref?.apiVersion && ref.apiVersion !== target.apiVersion) report.fail(owner, `scaleTargetRef apiVersion ${ref.apiVersion} does not match ${target.apiVersion}`);
    return target;
  }

  for (const hpa of ofKind("HorizontalPodAutoscaler")) {
    report.count("autoscalers");
    const target = scaleTarget(hpa, hpa.spec?.scaleTargetRef, { kind: "Deployment" });
    if ((hpa.spec?.minReplicas ?? 1) > hpa.spec?.maxReplicas) report.fail(hpa, `minReplicas ${hpa.spec.minReplicas} > maxReplicas ${hpa.spec.maxReplicas}`);
    if (!target) continue;
    for (const so of scaledObjects)
      if (nsOf(so) === nsOf(hpa) && so.spec?.scaleTargetRef?.name === nameOf(target) && (so.spec?.scaleTargetRef?.kind ?? "Deployment") === target.kind)
        report.fail(hpa, `targets ${idOf(target)}, which ${idOf(so)} also scales (KEDA creates its own HPA)`);
    for (const m of hpa.spec?.metrics ?? []) {
      if (m.type !== "Resource" || m.resource?.target?.type !== "Utilization") continue;
      for (const t of podTemplatesOf(target))
        for (const c of t.spec.containers ?? [])
          if (c.resources?.requests?.[m.resource.name] === undefined)
            report.fail(hpa, `scales on ${m.resource.name} utilization but container "${c.name}" of ${idOf(target)} requests no ${m.resource.name}`);
    }
  }

  for (const so of scaledObjects) {
    report.count("autoscalers");
    const target = scaleTarget(so, so.spec?.scaleTargetRef, { kind: "Deployment" });
    const min = so.spec?.minReplicaCount ?? 0, max = so.spec?.maxReplicaCount ?? 100;
    if (min > max) report.fail(so, `minReplicaCount ${min} > maxReplicaCount ${max}`);
    if (so.spec?.idleReplicaCount !== undefined && so.spec.idleReplicaCount >= min && min > 0)
      report.fail(so, `idleReplicaCount must be below minReplicaCount`);
    for (const [i, trigger] of (so.spec?.triggers ?? []).entries()) {
      const where = `trigger ${i} (${trigger.type})`;
      let auth = null;
      if (trigger.authenticationRef) {
        report.count("references");
        const kind = trigger.authenticationRef.kind ?? "TriggerAuthentication";
        auth = kind === "ClusterTriggerAuthentication"
          ? valid.find((o) => o.kind === kind && nameOf(o) === trigger.authenticationRef.name)
          : find(kind, nsOf(so), trigger.authenticationRef.name);
        if (!auth) report.fail(so, `${where} authenticationRef ${kind} "${trigger.authenticationRef.name}" does not exist`);
      }
      if (trigger.type === "rabbitmq") checkRabbitTrigger(so, where, trigger, auth, target);
    }
  }

  function checkRabbitTrigger(so, where, trigger, auth, target) {
    const md = trigger.metadata ?? {};
    const authParams = new Set([
      ...(auth?.spec?.secretTargetRef ?? []).map((r) => r.parameter),
      ...(auth?.spec?.configMapTargetRef ?? []).map((r) => r.parameter),
      ...(auth?.spec?.env ?? []).map((r) => r.parameter),
    ]);
    if (!md.queueName) report.fail(so, `${where} needs metadata.queueName`);
    if (!md.host && !md.hostFromEnv && !authParams.has("host")) report.fail(so, `${where} has no host (metadata.host, hostFromEnv or a TriggerAuthentication "host" parameter)`);
    if ("includeUnacked" in md)
      report.fail(so, `${where}: includeUnacked is a KEDA 1.x setting that KEDA 2 ignores; use protocol: http (unacknowledged messages are counted unless excludeUnacknowledged is "true")`);
    const protocol = md.protocol ?? "auto";
    if (!["auto", "amqp", "http"].includes(protocol)) report.fail(so, `${where}: protocol must be auto, amqp or http`);
    const mode = md.mode ?? "QueueLength";
    if (!["QueueLength", "MessageRate", "DeliverGetRate", "PublishedToDeliveredRatio", "ExpectedQueueConsumptionTime"].includes(mode))
      report.fail(so, `${where}: unknown mode "${mode}"`);
    if (mode !== "QueueLength" && protocol !== "http") report.fail(so, `${where}: mode ${mode} needs protocol: http`);
    if (String(md.excludeUnacknowledged) === "true" && protocol !== "http") report.fail(so, `${where}: excludeUnacknowledged needs protocol: http`);
    if (protocol !== "http" && md.excludeUnacknowledged === undefined)
      report.warn(so, `${where}: over AMQP KEDA counts ready messages only; jobs in progress do not keep their workers`);
    for (const key of ["value", "activationValue"])
      if (md[key] !== undefined && !(typeof md[key] === "string" && /^\d+(\.\d+)?$/.test(md[key])))
        report.fail(so, `${where}: metadata.${key} must be a number in a string, not ${JSON.stringify(md[key])}`);
    if (md.value === undefined) report.fail(so, `${where}: metadata.value (target per replica) is required`);
  }

  for (const ta of ofKind("TriggerAuthentication", "ClusterTriggerAuthentication")) {
    for (const ref of ta.spec?.secretTargetRef ?? []) checkRef(ta, `secretTargetRef "${ref.parameter}"`, "Secret", ref.name, ref.key, false);
    for (const ref of ta.spec?.configMapTargetRef ?? []) checkRef(ta, `configMapTargetRef "${ref.parameter}"`, "ConfigMap", ref.name, ref.key, false);
    const used = scaledObjects.some((so) => (so.spec?.triggers ?? []).some((t) => t.authenticationRef?.name === nameOf(ta)));
    if (!used) report.warn(ta, "no ScaledObject uses it");
  }

  // ---- PodDisruptionBudgets ----
  for (const pdb of ofKind("PodDisruptionBudget")) {
    report.count("disruption budgets");
    if (pdb.spec?.minAvailable !== undefined && pdb.spec?.maxUnavailable !== undefined)
      report.fail(pdb, "sets both minAvailable and maxUnavailable");
    if (!podsIn(nsOf(pdb)).some((p) => matchesLabelSelector(pdb.spec?.selector, p.labels)))
      report.fail(pdb, `selector ${describeSelector(pdb.spec?.selector)} matches no pods in this render`);
  }

  // ---- NetworkPolicies ----
  for (const np of ofKind("NetworkPolicy")) {
    report.count("network policies");
    const selected = podsIn(nsOf(np)).filter((p) => matchesLabelSelector(np.spec?.podSelector, p.labels));
    if (!selected.length) { report.fail(np, `podSelector ${describeSelector(np.spec?.podSelector)} matches no pods in this render`); continue; }
    const peers = [
      ...(np.spec?.ingress ?? []).flatMap((r) => (r.from ?? []).map((peer) => ["ingress from", peer])),
      ...(np.spec?.egress ?? []).flatMap((r) => (r.to ?? []).map((peer) => ["egress to", peer])),
    ];
    for (const [dir, peer] of peers)
      if (peer.podSelector && !peer.namespaceSelector && !podsIn(nsOf(np)).some((p) => matchesLabelSelector(peer.podSelector, p.labels)))
        report.fail(np, `${dir} podSelector ${describeSelector(peer.podSelector)} matches no pods in this render`);
    for (const rule of np.spec?.ingress ?? [])
      for (const port of rule.ports ?? [])
        if (typeof port.port === "string" && !selected.some((p) => podHasPort(p.spec, port.port)))
          report.fail(np, `ingress port "${port.port}" is not a named containerPort of any selected pod`);
  }

  // ---- placeholders left to fill ----
  for (const s of ofKind("Secret", "ConfigMap")) {
    const values = { ...(s.data ?? {}), ...(s.stringData ?? {}) };
    const keys = Object.entries(values).filter(([, v]) => /REPLACE_ME/.test(String(v))).map(([k]) => k);
    if (keys.length) report.warn(s, `placeholder values (REPLACE_ME) in ${keys.join(", ")}: fill them before applying`);
  }

  // ---- RenderFarm's own rules ----
  const context = { objects: valid, pods, find, ofKind, containerEnv };
  for (const rule of FARM_RULES) {
    report.count("renderfarm rules");
    rule.check(context, (o, message) => report.fail(o, `[${rule.name}] ${message}`), (o, message) => report.warn(o, `[${rule.name}] ${message}`));
  }
}

// RenderFarm's own rules, one named check each: what no generic Kubernetes linter knows about this farm.
const FARM_RULES = [
  { name: "model-checksums", check: checkModelChecksums },
  { name: "drain-before-kill", check: checkDrainBeforeKill },
  { name: "scaler-watches-paint-queue", check: checkScalerWatchesPaintQueue },
  { name: "health-on-management-port", check: checkHealthOnManagementPort },
  { name: "management-port-not-public", check: checkManagementPortNotPublic },
  { name: "egress-denied-by-default", check: checkEgressDeniedByDefault },
];

// A worker drains its jobs on SIGTERM for Drain__Timeout; the kubelet must not kill it before.
function checkDrainBeforeKill({ pods, containerEnv }, fail) {
  for (const p of pods) {
    for (const c of p.spec.containers ?? []) {
      const drain = containerEnv(p.owner, c).get("Drain__Timeout");
      if (drain === undefined) continue;
      const seconds = parseDuration(drain);
      const grace = p.spec.terminationGracePeriodSeconds ?? 30;
      if (seconds === null) fail(p.owner, `container "${c.name}" Drain__Timeout "${drain}" is not a TimeSpan (hh:mm:ss)`);
      else if (grace <= seconds + 10)
        fail(p.owner, `terminationGracePeriodSeconds ${grace} must exceed Drain__Timeout (${seconds} s) + 10 s, or the kubelet kills jobs mid-drain`);
    }
  }
}

// KEDA's RabbitMQ trigger must watch the queue the workers it scales consume (Bus__PaintQueue, default paint-portrait).
function checkScalerWatchesPaintQueue({ ofKind, find, containerEnv }, fail) {
  for (const so of ofKind("ScaledObject")) {
    const target = find(so.spec?.scaleTargetRef?.kind ?? "Deployment", nsOf(so), so.spec?.scaleTargetRef?.name);
    if (!target) continue;
    for (const [i, trigger] of (so.spec?.triggers ?? []).entries()) {
      const queueName = trigger.type === "rabbitmq" ? trigger.metadata?.queueName : undefined;
      if (!queueName) continue;
      for (const t of podTemplatesOf(target))
        for (const c of t.spec.containers ?? []) {
          const queue = containerEnv(target, c).get("Bus__PaintQueue") ?? "paint-portrait";
          if (queue !== queueName)
            fail(so, `trigger ${i} (rabbitmq) watches queue "${queueName}" but container "${c.name}" of ${idOf(target)} consumes "${queue}" (Bus__PaintQueue)`);
        }
    }
  }
}

// With Management__Port set, /health/* and /metrics answer only there: the port is declared and named, the service
// listens on it, and every HTTP probe uses it.
function checkHealthOnManagementPort({ pods }, fail) {
  for (const p of pods) {
    for (const c of allContainers(p.spec)) {
      const management = (c.env ?? []).find((e) => e.name === "Management__Port")?.value;
      if (management === undefined) continue;
      const where = `container "${c.name}"`;
      const declared = (c.ports ?? []).find((port) => port.containerPort === Number(management));
      if (declared?.name !== "management") fail(p.owner, `${where} sets Management__Port ${management} but declares no containerPort ${management} named "management"`);
      const urls = String((c.env ?? []).find((e) => e.name === "Urls")?.value ?? "");
      if (!urls.split(";").some((u) => u.endsWith(`:${management}`))) fail(p.owner, `${where} sets Management__Port ${management} but its Urls do not listen there`);
      for (const probeName of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const port = c[probeName]?.httpGet?.port;
        if (port !== undefined && port !== "management" && port !== Number(management))
          fail(p.owner, `${where} ${probeName} uses port ${JSON.stringify(port)}, but health answers only on the management port`);
      }
    }
  }
}

// The public edge never reaches health checks or metrics: no Ingress backend is a management port.
function checkManagementPortNotPublic({ ofKind, find }, fail) {
  for (const ing of ofKind("Ingress")) {
    for (const [where, b] of ingressBackends(ing)) {
      const svc = find("Service", nsOf(ing), b.name);
      const servicePort = (svc?.spec?.ports ?? []).find((sp) => (b.port?.name !== undefined ? sp.name === b.port.name : sp.port === b.port?.number));
      if (servicePort && (servicePort.targetPort === "management" || servicePort.name === "management"))
        fail(ing, `backend ${where} reaches the management port of Service "${b.name}" (health checks and metrics must stay off the public Ingress)`);
    }
  }
}

// No phoning home: every farm pod is under a policy that denies egress by default (an Egress policy with no rules).
function checkEgressDeniedByDefault({ pods, ofKind }, fail) {
  const policies = ofKind("NetworkPolicy");
  for (const p of pods.filter((pod) => pod.labels["app.kubernetes.io/part-of"] === "renderfarm")) {
    const denied = policies.some((np) => nsOf(np) === p.ns && (np.spec?.policyTypes ?? []).includes("Egress")
      && !(np.spec?.egress?.length) && matchesLabelSelector(np.spec?.podSelector ?? {}, p.labels));
    if (!denied) fail(p.owner, "no NetworkPolicy denies its egress by default (podSelector {} or its labels, policyTypes [Egress], no egress rules)");
  }
}

// The init container's checksum list must agree with models/manifest.json (painters and the stylizer) and the pins
// of the face detector and the person segmenter.
function checkModelChecksums({ objects }, fail, warn) {
  const manifestPath = path.join(REPO_ROOT, "models", "manifest.json");
  if (!existsSync(manifestPath)) return;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const expected = new Map();
  for (const p of manifest.painters ?? []) {
    if (!p.file || !p.sha256) continue;
    if (existsSync(path.join(REPO_ROOT, "models", p.file))) continue; // shipped in the image
    expected.set(p.file, p.sha256.toLowerCase());
  }
  for (const part of [manifest.stylizer?.encoder, manifest.stylizer?.stylizer])
    if (part?.file && part?.sha256) expected.set(part.file, part.sha256.toLowerCase());
  for (const options of [["Faces", "FaceDetectionOptions.cs"], ["Figure", "FigureOptions.cs"]]) {
    const source = path.join(REPO_ROOT, "src", "Worker", ...options);
    if (!existsSync(source)) continue;
    const text = readFileSync(source, "utf8");
    const file = /string File[^=]*=\s*"([^"]+)"/.exec(text)?.[1];
    const sha = /string Sha256[^=]*=\s*"([0-9a-fA-F]{64})"/.exec(text)?.[1];
    if (file && sha) expected.set(file, sha.toLowerCase());
  }
  for (const cm of objects.filter((o) => o.kind === "ConfigMap" && typeof o.data?.SHA256SUMS === "string")) {
    const listed = new Map();
    for (const line of cm.data.SHA256SUMS.split("\n").map((l) => l.trim()).filter(Boolean)) {
      const m = /^([0-9a-fA-F]{64})\s+\*?(\S+)$/.exec(line);
      if (!m) { fail(cm, `SHA256SUMS line is not "<sha256>  <file>": ${line}`); continue; }
      listed.set(m[2], m[1].toLowerCase());
    }
    for (const [file, sha] of expected) {
      if (!listed.has(file)) fail(cm, `SHA256SUMS does not fetch ${file} (needed by models/manifest.json, the face detector or the person segmenter)`);
      else if (listed.get(file) !== sha) fail(cm, `SHA256SUMS pins ${file} to ${listed.get(file)}, but the repo expects ${sha}`);
    }
    for (const file of listed.keys())
      if (!expected.has(file)) warn(cm, `SHA256SUMS fetches ${file}, which neither models/manifest.json, the face detector nor the person segmenter uses`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { overlays: [], files: [], print: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--file") opts.files.push(value());
    else if (a.startsWith("--file=")) opts.files.push(a.slice(7));
    else if (a === "--print") opts.print = "yaml";
    else if (a === "--print-json") opts.print = "json";
    else if (a === "-h" || a === "--help") opts.help = true;
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else opts.overlays.push(a);
  }
  if (!opts.overlays.length && !opts.files.length) opts.overlays = DEFAULT_OVERLAYS;
  return opts;
}

const USAGE = `usage: node validate.mjs [overlayDir...] [--file rendered.yaml]... [--print | --print-json]
  default: the dev and prod overlays next to this script`;

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  if (opts.help) { console.log(USAGE); return 0; }

  const kubectl = opts.overlays.length ? kubectlOnPath() : null;
  if (opts.overlays.length && !kubectl?.usable) {
    console.error(`${kubectl ? `${kubectl.label} is too old` : "kubectl is not on PATH"}: rendering needs kubectl with kustomize v4 or later ` +
      "(scripts/services.sh ensure_kubectl installs a pinned one)");
    return 2;
  }

  const targets = [
    ...opts.overlays.map((dir) => ({ kind: "overlay", path: path.resolve(dir) })),
    ...opts.files.map((file) => ({ kind: "file", path: path.resolve(file) })),
  ];
  let failed = 0, broken = 0;
  for (const target of targets) {
    const report = new Report();
    let objects, how;
    try {
      if (target.kind === "file") {
        if (!existsSync(target.path)) throw new RenderError(`${rel(target.path)}: no such file`);
        const lint = [];
        objects = parseYamlStream(readFileSync(target.path, "utf8"), rel(target.path), lint);
        lint.forEach((l) => report.fail(null, l));
        how = "file";
      } else {
        for (const source of kustomizationSources(target.path)) {
          const lint = [];
          parseYamlStream(readFileSync(source, "utf8"), rel(source), lint);
          lint.forEach((l) => report.fail(null, l));
        }
        objects = renderKubectl(target.path);
        how = `rendered with ${kubectl.label}`;
      }
    } catch (e) {
      if (!(e instanceof RenderError)) throw e;
      console.error(`${rel(target.path)}: cannot render: ${e.message}`);
      broken++;
      continue;
    }

    if (opts.print) {
      process.stdout.write(opts.print === "json"
        ? `${JSON.stringify(objects, null, 2)}\n`
        : objects.map((o) => YAML.stringify(o, { lineWidth: 0 })).join("---\n"));
      continue;
    }

    await validateObjects(objects, report);
    console.log(`== ${rel(target.path)}: ${objects.length} objects, ${how}`);
    const checked = [...report.counts].map(([k, n]) => `${k} ${n}`).join(", ");
    console.log(`   checked: ${checked}`);
    for (const w of report.warnings) console.log(`   warning: ${w}`);
    for (const f of report.failures) console.log(`   FAIL: ${f}`);
    if (report.failures.length) {
      failed++;
      console.log(`   ${rel(target.path)}: ${report.failures.length} failure(s)`);
    } else console.log(`   ${rel(target.path)}: OK`);
  }
  if (opts.print) return broken ? 2 : 0;
  if (broken) { console.log(`${broken} target(s) could not be rendered`); return 2; }
  console.log(failed ? `${failed} of ${targets.length} target(s) failed validation` : `all ${targets.length} target(s) valid`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
