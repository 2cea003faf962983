"""Country profiles: each partner country's identifiers of organisations and how they are checked."""
