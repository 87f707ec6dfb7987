"""One router per resource; each operation calls one service or selector."""
