package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jic-center/jic"
	"github.com/jic-center/jic/internal/scope"
)

// CreateProduct stores a draft by v; see jic.ProductStore.
func (s *Store) CreateProduct(ctx context.Context, v jic.Viewer, p *jic.Product) error {
	if !v.System && !v.Role.AtLeast(jic.RoleAnalyst) {
		return jic.Errorf(jic.EFORBIDDEN, "drafting products needs the analyst role")
	}
	if !v.System {
		p.OwnerMemberID, p.AuthorUserID = v.MemberID, v.UserID
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Marking == jic.TLPRed && !containsID(p.Recipients, p.AuthorUserID) {
		p.Recipients = append(p.Recipients, p.AuthorUserID)
	}
	if p.Version == 0 {
		p.Version = 1
	}
	now := s.Now().UTC().Truncate(1e6)
	p.State, p.CreatedAt, p.UpdatedAt = jic.ProductDraft, now, now
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO products (title, body, state, version, previous_id, owner_member_id,
			author_user_id, marking, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			p.Title, p.Body, p.State, p.Version, sql.NullInt64{Int64: p.PreviousID, Valid: p.PreviousID != 0},
			p.OwnerMemberID, p.AuthorUserID, string(p.Marking), ms(now), ms(now)).Scan(&p.ID)
		if err != nil {
			return err
		}
		if err := s.writeShares(ctx, tx, scope.ProductKind, p.ID, p.ShareWith, p.Recipients); err != nil {
			return err
		}
		if err := s.writeCitations(ctx, tx, p.ID, p.Cites); err != nil {
			return err
		}
		return s.audit(jic.WithActor(ctx, v), tx, "product.create", fmt.Sprintf("product/%d", p.ID),
			map[string]any{"title": p.Title, "version": p.Version, "previous_id": p.PreviousID, "marking": p.Marking})
	})
	return s.wrap(err, "create product")
}

func (s *Store) writeCitations(ctx context.Context, tx *sql.Tx, id int64, cites []jic.Ref) error {
	for _, c := range cites {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO product_citations (product_id, kind, ref_id) VALUES (?, ?, ?)
			ON CONFLICT DO NOTHING`), id, c.Kind, c.ID); err != nil {
			return err
		}
	}
	return nil
}

const productCols = `p.id, p.title, p.body, p.state, p.version, p.previous_id, p.owner_member_id, p.author_user_id,
	p.marking, p.created_at, p.updated_at, p.released_at, p.released_by`

func scanProduct(row interface{ Scan(...any) error }) (*jic.Product, error) {
	var p jic.Product
	var prev, released, by sql.NullInt64
	var created, updated int64
	var marking string
	err := row.Scan(&p.ID, &p.Title, &p.Body, &p.State, &p.Version, &prev, &p.OwnerMemberID, &p.AuthorUserID,
		&marking, &created, &updated, &released, &by)
	if err != nil {
		return nil, err
	}
	p.PreviousID, p.Marking, p.CreatedAt, p.UpdatedAt = prev.Int64, jic.Marking(marking), fromMS(created), fromMS(updated)
	p.ReleasedAt, p.ReleasedBy = fromNullMS(released), by.Int64
	return &p, nil
}

// Product returns a product with the citations v may see; ENOTFOUND if it
// does not exist or v may not see it.
func (s *Store) Product(ctx context.Context, v jic.Viewer, id int64) (*jic.Product, error) {
	where, args := scope.Items(v, "p", scope.ProductKind)
	p, err := scanProduct(s.reader(ctx).QueryRowContext(ctx, s.q(`SELECT `+productCols+` FROM products p WHERE p.id = ? AND `+where),
		append([]any{id}, args...)...))
	if err != nil {
		return nil, s.notFound(err, "product %d", id)
	}
	if p.ShareWith, p.Recipients, err = s.readShares(ctx, scope.ProductKind, id); err != nil {
		return nil, err
	}
	refs, err := s.refs(ctx, `SELECT kind, ref_id FROM product_citations WHERE product_id = ? ORDER BY kind, ref_id`, id)
	if err != nil {
		return nil, err
	}
	p.Cites, err = s.visibleRefs(ctx, v, refs)
	return p, err
}

// Products lists the products v may see, newest first, without bodies.
func (s *Store) Products(ctx context.Context, v jic.Viewer, state string, limit int) ([]*jic.Product, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	where, args := scope.Items(v, "p", scope.ProductKind)
	conds := []string{where}
	if state != "" {
		conds, args = append(conds, "p.state = ?"), append(args, state)
	}
	rows, err := s.reader(ctx).QueryContext(ctx, s.q(`SELECT `+productCols+` FROM products p WHERE `+strings.Join(conds, " AND ")+
		fmt.Sprintf(` ORDER BY p.id DESC LIMIT %d`, limit)), args...)
	if err != nil {
		return nil, s.wrap(err, "list products")
	}
	defer rows.Close()
	out := []*jic.Product{}
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			return nil, s.wrap(err, "scan product")
		}
		p.Body = ""
		out = append(out, p)
	}
	return out, s.wrap(rows.Err(), "list products")
}

// EditProduct replaces the title, body and citations of a draft or a
// product in review. ECONFLICT once it is released.
func (s *Store) EditProduct(ctx context.Context, v jic.Viewer, p *jic.Product) error {
	cur, err := s.Product(ctx, v, p.ID)
	if err != nil {
		return err
	}
	if cur.State == jic.ProductReleased {
		return jic.Errorf(jic.ECONFLICT, "product %d is released and cannot change; start a new version", p.ID)
	}
	if !v.System && (v.MemberID != cur.OwnerMemberID || !v.Role.AtLeast(jic.RoleAnalyst)) {
		return jic.Errorf(jic.EFORBIDDEN, "only analysts of the owning member may edit the product")
	}
	p.Marking, p.Recipients, p.State = cur.Marking, cur.Recipients, cur.State
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE products SET title = ?, body = ?, updated_at = ? WHERE id = ? AND state <> 'released'`),
			p.Title, p.Body, ms(s.Now()), p.ID)
		if err != nil {
			return s.wrap(err, "edit product")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jic.Errorf(jic.ECONFLICT, "product %d was released meanwhile", p.ID)
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM product_citations WHERE product_id = ?`), p.ID); err != nil {
			return s.wrap(err, "edit product")
		}
		if err := s.writeCitations(ctx, tx, p.ID, p.Cites); err != nil {
			return s.wrap(err, "edit product")
		}
		return s.audit(jic.WithActor(ctx, v), tx, "product.edit", fmt.Sprintf("product/%d", p.ID), map[string]any{"title": p.Title})
	})
}

// MoveProduct changes a product's state by jic.Product.CanMove; head says
// whether v heads the center now, which releasing needs.
func (s *Store) MoveProduct(ctx context.Context, v jic.Viewer, id int64, to string, head bool) error {
	p, err := s.Product(ctx, v, id)
	if err != nil {
		return err
	}
	if err := p.CanMove(v, to, head); err != nil {
		return err
	}
	now := ms(s.Now())
	return s.inTx(ctx, func(tx *sql.Tx) error {
		query := `UPDATE products SET state = ?, updated_at = ? WHERE id = ? AND state = ?`
		args := []any{to, now, id, p.State}
		if to == jic.ProductReleased {
			query = `UPDATE products SET state = ?, updated_at = ?, released_at = ?, released_by = ? WHERE id = ? AND state = ?`
			args = []any{to, now, now, sql.NullInt64{Int64: v.UserID, Valid: v.UserID != 0}, id, p.State}
		}
		res, err := tx.ExecContext(ctx, s.q(query), args...)
		if err != nil {
			return s.wrap(err, "move product")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jic.Errorf(jic.ECONFLICT, "the product changed meanwhile; reload it")
		}
		action := "product." + to
		if to == jic.ProductReleased {
			action = "product.release"
		}
		return s.audit(jic.WithActor(ctx, v), tx, action, fmt.Sprintf("product/%d", id),
			map[string]any{"from": p.State, "title": p.Title, "version": p.Version})
	})
}

// NewProductVersion starts a draft from a released product: a new record
// with the next version number, the same marking and sharing, pointing at
// the released one, which stays as it was.
func (s *Store) NewProductVersion(ctx context.Context, v jic.Viewer, id int64) (*jic.Product, error) {
	prev, err := s.Product(ctx, v, id)
	if err != nil {
		return nil, err
	}
	if prev.State != jic.ProductReleased {
		return nil, jic.Errorf(jic.ECONFLICT, "product %d is not released; edit it instead", id)
	}
	next := &jic.Product{Title: prev.Title, Body: prev.Body, Version: prev.Version + 1, PreviousID: prev.ID,
		OwnerMemberID: prev.OwnerMemberID, AuthorUserID: v.UserID, Marking: prev.Marking,
		ShareWith: prev.ShareWith, Recipients: prev.Recipients, Cites: prev.Cites}
	if v.System {
		next.AuthorUserID = prev.AuthorUserID
	} else if v.MemberID != prev.OwnerMemberID {
		return nil, jic.Errorf(jic.EFORBIDDEN, "only the owning member may start a new version")
	}
	return next, s.CreateProduct(ctx, v, next)
}
