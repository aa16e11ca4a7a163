"""The demo an officer can try at once: PIONEER's staff, one per role, and about sixty
submitted applications from many countries, made through the real actions."""
