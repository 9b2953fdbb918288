"""The document editors: 三定, 政事权限清单 and 章程, and the fields and lists they share."""
