<?php
/**
 * The widget's configuration rules, for the settings page, the block and the
 * shortcode: the same checks and the same messages as the widget's own
 * (src/config.rs in the widget's repository). Both are tested against one
 * shared list of good and bad values (tests/config-rules.json there), so the
 * two cannot drift apart.
 *
 * Plain PHP: no WordPress function is called here.
 *
 * @package InfusionCheck
 */

if ( ! defined( 'ABSPATH' ) && ! defined( 'INFUSION_CHECK_RULES_TEST' ) ) {
	exit;
}

/**
 * Checks one configuration value the way the widget does.
 */
final class Infusion_Check_Rules {

	/** Longest clinic name, in characters. */
	const MAX_NAME = 80;

	/** Longest description of the drip, in characters. */
	const MAX_INFUSION = 120;

	/** Longest phone number, in characters. */
	const MAX_PHONE = 32;

	/** The tallest sticky header the emergency bar goes under, in CSS pixels. */
	const MAX_STICKY_OFFSET = 200;

	/** What the widget does instead of bad opening hours or time zone. */
	const HOURS_FALLBACK = 'both numbers are shown, the after-hours line first.';

	/** The emergency number when none is set. */
	const DEFAULT_EMERGENCY = '911';

	/** The therapy packs, in the order the widget asks about them. */
	const PACKS = array( 'magnesium', 'iron', 'vitamin-c', 'vitamin-drip' );

	/** The pack the widget asks about when it is told none. */
	const DEFAULT_PACK = 'magnesium';

	/**
	 * Unicode's White_Space characters: what Rust's trim() and
	 * split_whitespace() take as space.
	 */
	const SPACE = '\x{9}-\x{d}\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}';

	/**
	 * Checks a value of one key.
	 *
	 * @param string $key   The attribute name: clinic-name, clinic-phone,
	 *                      after-hours-phone, emergency-number, lang,
	 *                      infusion, accent, sticky-offset, hours,
	 *                      timezone, therapy or therapies.
	 * @param string $value The value as written (UTF-8).
	 * @return array{ok: ?string, tel: ?string, error: ?string} What the widget
	 *         uses ('ok', null when the value is refused), the tel: number of a
	 *         phone, and the widget's message (null when there is none).
	 */
	public static function check( $key, $value ) {
		$value = self::utf8( $value );
		switch ( $key ) {
			case 'clinic-phone':
			case 'after-hours-phone':
			case 'emergency-number':
				return self::phone( $value );
			case 'clinic-name':
				return self::text( $value, self::MAX_NAME );
			case 'infusion':
				return self::text( $value, self::MAX_INFUSION );
			case 'lang':
				return self::lang( $value );
			case 'accent':
				return self::accent( $value );
			case 'sticky-offset':
				return self::sticky_offset( $value );
			case 'hours':
				return self::hours( $value );
			case 'timezone':
				return self::timezone( $value );
			case 'therapy':
			case 'therapies':
				return self::therapy( $value );
		}
		return self::result( null, null, 'is not a setting of the widget' );
	}

	/**
	 * A phone number: digits, spaces and + - ( ), 2 to 32 characters, at least
	 * 2 digits, a + only at the start.
	 *
	 * @param string $raw The value as written.
	 * @return array{ok: ?string, tel: ?string, error: ?string}
	 */
	public static function phone( $raw ) {
		$s = self::trim( $raw );
		if ( '' === $s ) {
			return self::result( null, null, 'is empty' );
		}
		$chars = self::chars( $s );
		if ( count( $chars ) > self::MAX_PHONE ) {
			return self::result( null, null, 'is longer than ' . self::MAX_PHONE . ' characters' );
		}
		foreach ( $chars as $c ) {
			if ( 1 !== preg_match( '/^[0-9+\-() ]$/', $c ) ) {
				return self::result( null, null, 'contains "' . self::shown( $c ) . '"; use only digits, spaces and + - ( )' );
			}
		}
		$digits = preg_replace( '/[^0-9]/', '', $s );
		if ( strlen( $digits ) < 2 ) {
			return self::result( null, null, 'has fewer than 2 digits' );
		}
		if ( false !== strpos( substr( $s, 1 ), '+' ) ) {
			return self::result( null, null, 'has a + that is not at the start' );
		}
		$tel = ( '+' === $s[0] ? '+' : '' ) . $digits;
		return self::result( self::squash( $s ), $tel, null );
	}

	/**
	 * Free text (the clinic's name, what was in the drip): control characters
	 * become spaces, invisible and direction-changing characters go, runs of
	 * space become one, a longer text is shortened, and a text with < or > in
	 * it (HTML pasted by mistake) is not used at all.
	 *
	 * @param string $raw The value as written.
	 * @param int    $max The most characters kept.
	 * @return array{ok: ?string, tel: ?string, error: ?string}
	 */
	public static function text( $raw, $max ) {
		$cleaned = preg_replace( '/[\x{0}-\x{1f}\x{7f}-\x{9f}]/u', ' ', $raw );
		$cleaned = preg_replace( '/[\x{200b}-\x{200f}\x{202a}-\x{202e}\x{2066}-\x{2069}\x{feff}]/u', '', $cleaned );
		$cleaned = self::squash( $cleaned );
		$error   = null;
		$chars   = self::chars( $cleaned );
		if ( count( $chars ) > $max ) {
			$error   = 'is longer than ' . $max . ' characters; it was shortened';
			$cleaned = implode( '', array_slice( $chars, 0, $max ) );
		}
		if ( false !== strpbrk( $cleaned, '<>' ) ) {
			return self::result( '', null, 'contains < or > (it looks like HTML code), so it is not shown to patients' );
		}
		return self::result( $cleaned, null, $error );
	}

	/**
	 * The language: en, es or auto (empty is auto).
	 *
	 * @param string $raw The value as written.
	 * @return array{ok: ?string, tel: ?string, error: ?string}
	 */
	public static function lang( $raw ) {
		$v = strtolower( self::trim( $raw ) );
		if ( '' === $v ) {
			$v = 'auto';
		}
		if ( in_array( $v, array( 'en', 'es', 'auto' ), true ) ) {
			return self::result( $v, null, null );
		}
		return self::result( null, null, '"' . self::shown( $raw ) . "\" is not en, es or auto; the phone's language is used." );
	}

	/**
	 * A colour, #rgb or #rrggbb; given back as #rrggbb in lower case (the
	 * widget itself darkens or lightens it as needed for contrast).
	 *
	 * @param string $raw The value as written.
	 * @return array{ok: ?string, tel: ?string, error: ?string}
	 */
	public static function accent( $raw ) {
		$s = self::trim( $raw );
		if ( 1 === preg_match( '/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/D', $s, $m ) ) {
			$hex = strtolower( $m[1] );
			if ( 3 === strlen( $hex ) ) {
				$hex = $hex[0] . $hex[0] . $hex[1] . $hex[1] . $hex[2] . $hex[2];
			}
			return self::result( '#' . $hex, null, null );
		}
		return self::result( null, null, '"' . self::shown( $raw ) . '" is not a colour like #0a5c8f; the default colour is used.' );
	}

	/**
	 * The height of the page's own sticky header: whole CSS pixels from 0 to
	 * 200, digits with an optional px (64, 64px); given back as digits.
	 *
	 * @param string $raw The value as written.
	 * @return array{ok: ?string, tel: ?string, error: ?string}
	 */
	public static function sticky_offset( $raw ) {
		$s = self::trim( $raw );
		if ( 1 === preg_match( '/^([0-9]{1,3})(?:px)?$/D', $s, $m ) && (int) $m[1] <= self::MAX_STICKY_OFFSET ) {
			return self::result( (string) (int) $m[1], null, null );
		}
		return self::result( null, null, '"' . self::shown( $raw ) . '" is not a height in pixels from 0 to ' . self::MAX_STICKY_OFFSET . ' (like 64); the emergency bar sticks to the top of the screen.' );
	}

	/**
	 * Opening hours in OpenStreetMap's style, the widget's small part of it:
	 * rules split by ";", each days (Mo-Fr, Mo,We, Fr-Mo) then times
	 * (08:00-12:00,13:00-18:00, up to 24:00) or "off"; a later rule replaces
	 * an earlier one on its days. Given back as written, runs of space as one.
	 *
	 * @param string $raw The value as written.
	 * @return array{ok: ?string, tel: ?string, error: ?string}
	 */
	public static function hours( $raw ) {
		$why = self::hours_problem( $raw );
		if ( null === $why ) {
			return self::result( self::squash( $raw ), null, null );
		}
		return self::result( null, null, '"' . self::shown( $raw ) . '" is not opening hours like "Mo-Fr 08:00-18:00; Sa 09:00-13:00" (' . $why . '); ' . self::HOURS_FALLBACK );
	}

	/**
	 * Why opening hours are refused, or null.
	 *
	 * @param string $raw The value as written.
	 * @return ?string
	 */
	private static function hours_problem( $raw ) {
		$days = array( 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su' );
		$open = array_fill( 0, 7, false );
		foreach ( explode( ';', $raw ) as $rule ) {
			$rule = self::trim( $rule );
			if ( '' === $rule ) {
				continue;
			}
			$parts = preg_split( '/[' . self::SPACE . ']/u', $rule, 2 );
			if ( count( $parts ) < 2 ) {
				return '"' . self::shown( $rule ) . '" is not days then times';
			}
			$named = array();
			foreach ( explode( ',', $parts[0] ) as $item ) {
				$ends = explode( '-', $item, 2 );
				$from = $ends[0];
				$to   = isset( $ends[1] ) ? $ends[1] : $from;
				foreach ( array( $from, $to ) as $d ) {
					if ( ! in_array( $d, $days, true ) ) {
						return '"' . self::shown( $d ) . '" is not a day: Mo Tu We Th Fr Sa Su';
					}
				}
				$d       = array_search( $from, $days, true );
				$named[] = $d;
				while ( $days[ $d ] !== $to ) {
					$d       = ( $d + 1 ) % 7;
					$named[] = $d;
				}
			}
			$times = self::trim( $parts[1] );
			if ( 'off' !== $times ) {
				foreach ( explode( ',', $times ) as $span ) {
					$span = self::trim( $span );
					if ( 1 !== preg_match( '/^([0-9]{2}):([0-9]{2})-([0-9]{2}):([0-9]{2})$/D', $span, $m )
						|| (int) $m[1] > 24 || (int) $m[2] > 59 || (int) $m[3] > 24 || (int) $m[4] > 59
						|| (int) $m[3] * 60 + (int) $m[4] > 1440 ) {
						return '"' . self::shown( $span ) . '" is not a time span like 08:00-18:00';
					}
					if ( (int) $m[1] * 60 + (int) $m[2] >= (int) $m[3] * 60 + (int) $m[4] ) {
						return '"' . self::shown( $span ) . '" ends before it starts';
					}
				}
			}
			foreach ( $named as $d ) {
				$open[ $d ] = 'off' !== $times;
			}
		}
		return in_array( true, $open, true ) ? null : 'it is open on no day';
	}

	/**
	 * A time zone's name (America/Los_Angeles, UTC, Etc/GMT+5): of the
	 * widget's form, and one PHP's time zone database knows (the widget asks
	 * the patient's browser, with the same message for one it does not
	 * know). Given back trimmed.
	 *
	 * @param string $raw The value as written.
	 * @return array{ok: ?string, tel: ?string, error: ?string}
	 */
	public static function timezone( $raw ) {
		$s = self::trim( $raw );
		if ( 1 === preg_match( '~^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$~D', $s ) && self::zone_known( $s ) ) {
			return self::result( $s, null, null );
		}
		return self::result( null, null, '"' . self::shown( $raw ) . '" is not a time zone like America/Los_Angeles; ' . self::HOURS_FALLBACK );
	}

	/**
	 * Whether PHP's time zone database knows a zone (older names such as
	 * US/Pacific too, and in any case, as a browser's Intl does).
	 *
	 * @param string $zone A zone's name, of the right form.
	 * @return bool
	 */
	private static function zone_known( $zone ) {
		static $known = null;
		if ( null === $known ) {
			$known = array_flip( array_map( 'strtolower', timezone_identifiers_list( DateTimeZone::ALL_WITH_BC ) ) );
		}
		return isset( $known[ strtolower( $zone ) ] );
	}

	/**
	 * The pack names in a therapy or therapies value: split by spaces or
	 * commas, ASCII letters in any case. The known packs once each, in the
	 * widget's order; the unknown names as written, once each.
	 *
	 * @param string $raw The value as written.
	 * @return array{packs: string[], unknown: string[]}
	 */
	public static function therapy_names( $raw ) {
		$names   = preg_split( '/[' . self::SPACE . ',]+/u', self::utf8( $raw ), -1, PREG_SPLIT_NO_EMPTY );
		$given   = array();
		$unknown = array();
		foreach ( $names as $name ) {
			$lower = strtolower( $name );
			if ( in_array( $lower, self::PACKS, true ) ) {
				$given[ $lower ] = true;
			} elseif ( ! isset( $unknown[ $lower ] ) ) {
				$unknown[ $lower ] = $name;
			}
		}
		$packs = array();
		foreach ( self::PACKS as $pack ) {
			if ( isset( $given[ $pack ] ) ) {
				$packs[] = $pack;
			}
		}
		return array(
			'packs'   => $packs,
			'unknown' => array_values( $unknown ),
		);
	}

	/**
	 * What was in the drip (therapy) or what the clinic gives (therapies),
	 * alone: the packs the widget asks about, split by a space. Empty:
	 * magnesium. An unknown name: every pack, with the widget's message.
	 *
	 * @param string $raw The value as written.
	 * @return array{ok: ?string, tel: ?string, error: ?string}
	 */
	public static function therapy( $raw ) {
		$t = self::therapy_names( $raw );
		if ( $t['unknown'] ) {
			return self::result( implode( ' ', self::PACKS ), null, self::therapy_message( $t['unknown'] ) );
		}
		return self::result( $t['packs'] ? implode( ' ', $t['packs'] ) : self::DEFAULT_PACK, null, null );
	}

	/**
	 * The widget's message for unknown pack names.
	 *
	 * @param string[] $unknown The names as written.
	 * @return string
	 */
	private static function therapy_message( $unknown ) {
		$names = array();
		foreach ( $unknown as $name ) {
			$names[] = '"' . self::shown( $name ) . '"';
		}
		return implode( ', ', $names ) . ( 1 === count( $unknown ) ? ' is not a therapy' : ' are not therapies' )
			. ' this check knows (' . implode( ', ', self::PACKS ) . '); the check asks about every therapy offered.';
	}

	/**
	 * The two keys together, as the widget reads them, for the element's
	 * attributes: a valid therapy is used (therapies is then not read); two
	 * or more valid therapies, the patient chooses; one, as therapy. An
	 * unknown name: every pack offered (the valid therapies when only
	 * therapy was bad, else all four), with no choice. Neither: nothing (the
	 * widget asks about magnesium).
	 *
	 * @param string $therapy   The therapy value as written ('' when not set).
	 * @param string $therapies The therapies value as written ('' when not set).
	 * @return array{therapy: string, therapies: string, errors: array<string, string>}
	 */
	public static function therapy_attributes( $therapy, $therapies ) {
		$out  = array(
			'therapy'   => '',
			'therapies' => '',
			'errors'    => array(),
		);
		$one  = self::therapy_names( $therapy );
		$many = self::therapy_names( $therapies );
		foreach ( array( 'therapy' => $one, 'therapies' => $many ) as $key => $t ) {
			if ( $t['unknown'] ) {
				$out['errors'][ $key ] = self::therapy_message( $t['unknown'] );
			}
		}
		$one_set  = $one['packs'] || $one['unknown'];
		$many_set = $many['packs'] || $many['unknown'];
		if ( $one_set && ! $one['unknown'] ) {
			$out['therapy'] = implode( ' ', $one['packs'] );
		} elseif ( $one_set ) {
			$out['therapy'] = implode( ' ', $many_set && ! $many['unknown'] ? $many['packs'] : self::PACKS );
		} elseif ( $many_set && $many['unknown'] ) {
			$out['therapy'] = implode( ' ', self::PACKS );
		} elseif ( $many_set ) {
			$out[ count( $many['packs'] ) > 1 ? 'therapies' : 'therapy' ] = implode( ' ', $many['packs'] );
		}
		return $out;
	}

	/**
	 * A value as a webmaster can read it in a message: printable ASCII as it
	 * is, anything else as \u{..} (as the widget writes it).
	 *
	 * @param string $value Text.
	 * @return string
	 */
	public static function shown( $value ) {
		$out = '';
		foreach ( self::chars( self::utf8( $value ) ) as $c ) {
			$code = self::code_point( $c );
			if ( $code >= 0x20 && $code <= 0x7e && '\\' !== $c && '"' !== $c ) {
				$out .= $c;
			} else {
				$out .= '\\u{' . dechex( $code ) . '}';
			}
		}
		return $out;
	}

	/**
	 * The result of a check.
	 *
	 * @param ?string $ok    What the widget uses.
	 * @param ?string $tel   A phone's tel: number.
	 * @param ?string $error The widget's message.
	 * @return array{ok: ?string, tel: ?string, error: ?string}
	 */
	private static function result( $ok, $tel, $error ) {
		return array(
			'ok'    => $ok,
			'tel'   => $tel,
			'error' => $error,
		);
	}

	/**
	 * Text that is not valid UTF-8 (the browser would never hand the widget
	 * such bytes) has its bad bytes replaced, as a browser does.
	 *
	 * @param mixed $value A value.
	 * @return string
	 */
	private static function utf8( $value ) {
		$value = is_scalar( $value ) ? (string) $value : '';
		if ( 1 === preg_match( '//u', $value ) ) {
			return $value;
		}
		// ENT_SUBSTITUTE puts U+FFFD for each bad sequence; the round trip
		// leaves everything else as it was (no mbstring needed).
		return htmlspecialchars_decode( htmlspecialchars( $value, ENT_SUBSTITUTE | ENT_NOQUOTES, 'UTF-8' ), ENT_NOQUOTES );
	}

	/**
	 * Removes Unicode white space at both ends.
	 *
	 * @param string $s Text.
	 * @return string
	 */
	private static function trim( $s ) {
		return preg_replace( '/^[' . self::SPACE . ']+|[' . self::SPACE . ']+$/Du', '', $s );
	}

	/**
	 * Runs of Unicode white space as one space, none at the ends.
	 *
	 * @param string $s Text.
	 * @return string
	 */
	private static function squash( $s ) {
		return preg_replace( '/[' . self::SPACE . ']+/u', ' ', self::trim( $s ) );
	}

	/**
	 * The characters (code points) of a text.
	 *
	 * @param string $s Text.
	 * @return string[]
	 */
	private static function chars( $s ) {
		return '' === $s ? array() : preg_split( '//u', $s, -1, PREG_SPLIT_NO_EMPTY );
	}

	/**
	 * The code point of one character.
	 *
	 * @param string $c One character, UTF-8.
	 * @return int
	 */
	private static function code_point( $c ) {
		$bytes = array_values( unpack( 'C*', $c ) );
		$n     = count( $bytes );
		if ( 1 === $n ) {
			return $bytes[0];
		}
		// The lead byte keeps 7 - n bits, each following byte 6.
		$code = $bytes[0] & ( 0xff >> ( $n + 1 ) );
		for ( $i = 1; $i < $n; $i++ ) {
			$code = ( $code << 6 ) | ( $bytes[ $i ] & 0x3f );
		}
		return $code;
	}
}
