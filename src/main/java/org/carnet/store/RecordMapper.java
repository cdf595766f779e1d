package org.carnet.store;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps rows to one of Carnet's records by column name, like JDBI's ConstructorMapper, but works out once per
 * query shape (the list of column names) which column goes to which component. ConstructorMapper does that work
 * (reflection over the record's constructor and annotations) for every query: a fifth of the CPU of a signed-in
 * page in a JFR profile.
 */
final class RecordMapper<T> implements RowMapper<T> {

    private final RowMapper<T> base;
    private final ConcurrentHashMap<List<String>, RowMapper<T>> byColumns = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    RecordMapper(Class<?> record) {
        this.base = (RowMapper<T>) ConstructorMapper.of(record);
    }

    @Override
    public T map(ResultSet rs, StatementContext ctx) throws SQLException {
        return specialize(rs, ctx).map(rs, ctx);
    }

    @Override
    public RowMapper<T> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
        List<String> columns = columns(rs.getMetaData());
        RowMapper<T> mapper = byColumns.get(columns);
        if (mapper == null) {
            mapper = base.specialize(rs, ctx);
            // A handful of shapes per record at most (each query's column list); never grows with the data.
            byColumns.putIfAbsent(columns, mapper);
        }
        return mapper;
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        String[] names = new String[meta.getColumnCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = meta.getColumnLabel(i + 1).toLowerCase(Locale.ROOT);
        }
        return List.of(names);
    }
}
