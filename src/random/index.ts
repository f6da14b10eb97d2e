export { RootRandom } from './root.ts';
export { RandomStream } from './stream.ts';
export { Xoshiro128, hashString } from './xoshiro.ts';
