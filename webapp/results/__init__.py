"""Results for the funder: targets, ESF+ indicators, the monthly participant file,
participant-certified time, the participants' own voice, and their exports."""
