"""Messages between a participant and the people around them: one thread per participant."""
