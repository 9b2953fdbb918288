"""The level above (盟市, 自治区): totals over subordinates, allocated caps and their rules,
hand-down packs (示范卷) and the roll-up of a league's filings to the region (chain.md)."""
