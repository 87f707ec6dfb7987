"""What happens to a household over the window, as agencies record it: routine contact,
relationships with services, harm trajectories and their benign look-alikes."""
