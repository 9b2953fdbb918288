"""The review cycle in the GUI: the upper office reads a filing and comments; the county answers."""
