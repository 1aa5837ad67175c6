"""Values: numbers and dates read from text, with their bounds (the numeral reader is shared)."""
