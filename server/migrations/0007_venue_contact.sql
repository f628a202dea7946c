-- Whom to ask at a venue (a name and a number), printed on its poster.
ALTER TABLE venues ADD COLUMN contact TEXT;
