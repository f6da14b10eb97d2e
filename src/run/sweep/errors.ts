/** The CLI maps `InputError` to exit code 2; re-exported here so that only this line moves with the scenario layer. */
export { InputError } from '../../scenarios/errors.ts';
