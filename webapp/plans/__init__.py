"""Action plans: goals, steps, their history, appointments and the calendar feed."""
