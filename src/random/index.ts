export { RootRandom } from './root';
export { RandomStream } from './stream';
export { Xoshiro128, hashString } from './xoshiro';
