"""PDF output shared by the reports and documents the system prints (fonts that carry Vietnamese diacritics)."""
