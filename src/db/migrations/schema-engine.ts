import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

/**
 * Prisma's schema engine, compiled to WebAssembly and published on npm, driven through a driver
 * adapter. It needs no native binary and no download, so migrations work on machines that cannot
 * reach Prisma's binary host (and inside a slim container image). See prisma/README.md.
 */
export type { SchemaEngine };

type WasmExports = Record<string, unknown>;
type GlueModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: WasmExports): void;
};

/** The slice of the WebAssembly global we use (Node has it; its types live in lib.dom only). */
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, object>): Promise<{ exports: WasmExports }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let compiled: Promise<{ glue: GlueModule }> | undefined;

async function loadWasm(): Promise<{ glue: GlueModule }> {
  compiled ??= (async () => {
    const glueFile = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(path.join(path.dirname(glueFile), 'schema_engine_bg.wasm'));
    const module = await wasmApi.compile(bytes);
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as GlueModule;
    const instance = await wasmApi.instantiate(module, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return { glue };
  })();
  return compiled;
}

export interface SchemaEngineLog {
  level?: string;
  message?: string;
  [key: string]: unknown;
}

/**
 * Opens the engine on one database. `datamodel` is the Prisma schema text (needed for diffs; not
 * for applying migrations). The caller must call `engine.free()` and dispose the adapter factory.
 */
export async function openSchemaEngine(options: {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  datamodel?: { path: string; content: string };
  onLog?: (log: SchemaEngineLog) => void;
}): Promise<SchemaEngine> {
  const { glue } = await loadWasm();
  const datamodels: [string, string][] | undefined = options.datamodel
    ? [[options.datamodel.path, options.datamodel.content]]
    : undefined;
  const onLog = (raw: string) => {
    if (!options.onLog) return;
    try {
      options.onLog(JSON.parse(raw) as SchemaEngineLog);
    } catch {
      options.onLog({ message: raw });
    }
  };
  return glue.SchemaEngine.new({ datamodels }, onLog, bindMigrationAwareSqlAdapterFactory(options.adapterFactory));
}

/** The engine's own error shape, turned into a readable message. */
export function describeEngineError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const e = error as { message?: unknown; error_code?: unknown };
    if (typeof e.message === 'string') return (typeof e.error_code === 'string' ? `${e.error_code}: ` : '') + e.message;
    return JSON.stringify(error);
  }
  return String(error);
}
