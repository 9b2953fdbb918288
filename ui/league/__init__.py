"""The level above in the GUI: the aggregation view (汇总), the allocation table and a received filing."""
