/** Every pure model of semsim: channel, PHY, semantic, projections (docs/models.md lists their sources). */
export * from './channel';
export * from './phy';
export * from './semantic';
export * from './projection';
