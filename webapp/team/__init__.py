"""The team around the participant: professionals of other organisations of the programme."""
