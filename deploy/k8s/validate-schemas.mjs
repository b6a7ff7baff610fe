// Validates Kubernetes manifests (a multi-document YAML on stdin) against the API schemas that the
// kubernetes-models package ships, offline.
import { readFileSync } from 'node:fs';
import * as yaml from 'js-yaml';

const docs = yaml.loadAll(readFileSync(0, 'utf8')).filter(Boolean);
let failures = 0;
for (const doc of docs) {
  const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
  const module = `kubernetes-models/${group ? group + '/' : ''}${version}/${doc.kind}`;
  const where = `${doc.kind}/${doc.metadata?.name}`;
  try {
    const { [doc.kind]: Model } = await import(module);
    new Model(doc).validate();
    console.log(`valid   ${where} (${doc.apiVersion})`);
  } catch (e) {
    failures++;
    console.log(`INVALID ${where}: ${e.message}`);
  }
}
process.exit(failures ? 1 : 0);
