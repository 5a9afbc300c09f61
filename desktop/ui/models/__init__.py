"""Qt item models over the store: no SQL in data(), rows swapped inside begin/endResetModel."""
