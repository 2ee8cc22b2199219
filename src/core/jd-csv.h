/* jd-csv.h: CSV that opens right in Excel, and CSV from anywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JD_CSV_ERROR (jd_csv_error_quark ())

typedef enum
{
  JD_CSV_ERROR_NOT_TEXT,        /* binary data, NUL bytes */
  JD_CSV_ERROR_ENCODING,        /* not UTF-8 */
  JD_CSV_ERROR_UNTERMINATED,    /* a quote opened and never closed */
  JD_CSV_ERROR_BAD_QUOTE,       /* text after a closing quote */
  JD_CSV_ERROR_TOO_LONG,        /* a field or a row over the limits */
  JD_CSV_ERROR_EMPTY,           /* nothing to read */
} JdCsvError;

/* Limits that keep a hostile file from taking the memory. */
#define JD_CSV_MAX_FIELD (1024 * 1024)
#define JD_CSV_MAX_FIELDS 512

GQuark        jd_csv_error_quark      (void);

/* Writing: RFC 4180 (fields quoted when needed, quotes doubled, CRLF),
 * UTF-8 with a byte order mark so that Excel reads Cyrillic, and cells
 * starting with = + - @ tab or CR neutralised with a leading apostrophe
 * so that a name cannot become a formula. Buffered: memory does not grow
 * with the number of rows. */
typedef struct _JdCsvWriter JdCsvWriter;

JdCsvWriter  *jd_csv_writer_new       (GOutputStream  *stream,
                                       char            delimiter,
                                       gboolean        bom);
gboolean      jd_csv_writer_write_row (JdCsvWriter    *writer,
                                       const char * const *fields,
                                       guint           n_fields,
                                       GCancellable   *cancellable,
                                       GError        **error);
gboolean      jd_csv_writer_close     (JdCsvWriter    *writer,
                                       GCancellable   *cancellable,
                                       GError        **error);
void          jd_csv_writer_free      (JdCsvWriter    *writer);
/* The cell as written, without the delimiter (for tests and previews).
 * Returns: (transfer full) */
char         *jd_csv_escape_field     (const char     *field,
                                       char            delimiter);

/* Reading: with or without a byte order mark, the delimiter (; , or tab)
 * detected from the first line, quoted fields with delimiters, quotes
 * and line breaks, CRLF or LF. Rows are read one at a time. */
typedef struct _JdCsvReader JdCsvReader;

JdCsvReader  *jd_csv_reader_new       (GInputStream   *stream);
/* The next row: TRUE with @fields (transfer full, element-type utf8) and
 * @line (where the row starts, from 1); FALSE with no error at the end;
 * FALSE with @error for a row that cannot be read. After an encoding
 * error the reader goes on with the next row; after a broken quote it
 * cannot. */
gboolean      jd_csv_reader_next      (JdCsvReader    *reader,
                                       GPtrArray     **fields,
                                       guint          *line,
                                       GCancellable   *cancellable,
                                       GError        **error);
char          jd_csv_reader_get_delimiter (JdCsvReader *reader);
void          jd_csv_reader_free      (JdCsvReader    *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdCsvWriter, jd_csv_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdCsvReader, jd_csv_reader_free)

G_END_DECLS
