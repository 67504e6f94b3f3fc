"""File formats (docx, xlsx, pdf, txt) read and written without Django.

Readers turn files into plain text or rows for the pure domain; writers turn domain values
(reports, tables) into files. Nothing here touches the database.
"""
