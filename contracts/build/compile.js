// Compiles every src/main/solidity/*.sol with the pinned solc (JS API, so optimizer and via-IR are set
// explicitly) and writes <Contract>.abi / <Contract>.bin per deployable contract into the output directory.
// Exits non-zero on any compiler error so the Maven build stops.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const [srcDir, outDir] = process.argv.slice(2);
const sources = {};
for (const f of fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    viaIR: false,
    evmVersion: 'cancun',
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
let failed = false;
for (const e of out.errors || []) {
  console.error(e.formattedMessage);
  if (e.severity === 'error') failed = true;
}
if (failed) process.exit(1);
fs.mkdirSync(outDir, { recursive: true });
let count = 0;
for (const file of Object.keys(out.contracts)) {
  for (const [name, c] of Object.entries(out.contracts[file])) {
    // internal libraries are inlined and interfaces have no code: only deployable contracts get wrappers
    if (!c.evm.bytecode.object || !c.abi.some((x) => x.type === "function")) continue;
    fs.writeFileSync(path.join(outDir, name + '.abi'), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, name + '.bin'), c.evm.bytecode.object);
    count++;
  }
}
console.log(`solc ${solc.version()}: ${count} contracts -> ${outDir}`);
