// Runs the bench binary compiled for wasm32-wasip1 under Node's WASI, to measure what the
// simulation costs as WebAssembly. Used by `./x bench-wasm`; see BENCHMARKS.md.
import { readFile } from "node:fs/promises";
import { WASI } from "node:wasi";

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: "preview1", args: [file, ...args], env: {} });
const module = await WebAssembly.compile(await readFile(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
wasi.start(instance);
