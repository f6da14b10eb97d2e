/** Every pure model of semsim: channel, PHY, semantic, projections (docs/models.md lists their sources). */
export * from './channel/index.ts';
export * from './phy/index.ts';
export * from './semantic/index.ts';
export * from './projection/index.ts';
export * from './traffic/index.ts';
