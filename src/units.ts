/**
 * Branded units and ids. A branded number is a plain `number` at run time; the brand only
 * stops a watt from being passed where a hertz is expected. Each brand has exactly one
 * constructor below; conversions between dB and linear scales live in `models/phy/units`.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Simulated time in seconds (never wall-clock time). */
export type Seconds = Brand<number, 'Seconds'>;
/** Bandwidth in hertz. */
export type Hz = Brand<number, 'Hz'>;
/** Power in watts. */
export type Watt = Brand<number, 'Watt'>;
/** A power ratio or gain in decibels. */
export type Db = Brand<number, 'Db'>;
/** Absolute power in dBm. */
export type Dbm = Brand<number, 'Dbm'>;
/** Data rate in bit/s. */
export type BitPerSecond = Brand<number, 'BitPerSecond'>;
/** A data size in bits. */
export type Bits = Brand<number, 'Bits'>;
/** Distance in metres. */
export type Metre = Brand<number, 'Metre'>;
/** Slot index within an episode (0-based). */
export type Slot = Brand<number, 'Slot'>;
/** Identifier of an actor in the system (`'bs/0'`, `'user/3'`, `'controller'`, ...). */
export type ActorId = Brand<string, 'ActorId'>;
/** Identifier of a user/device. */
export type UserId = Brand<number, 'UserId'>;

export const seconds = (x: number): Seconds => x as Seconds;
export const hz = (x: number): Hz => x as Hz;
export const watt = (x: number): Watt => x as Watt;
export const db = (x: number): Db => x as Db;
export const dbm = (x: number): Dbm => x as Dbm;
export const bitPerSecond = (x: number): BitPerSecond => x as BitPerSecond;
export const bits = (x: number): Bits => x as Bits;
export const metre = (x: number): Metre => x as Metre;
export const slot = (x: number): Slot => x as Slot;
export const actorId = (x: string): ActorId => x as ActorId;
export const userId = (x: number): UserId => x as UserId;
