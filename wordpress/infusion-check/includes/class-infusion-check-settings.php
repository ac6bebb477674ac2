<?php
/**
 * Settings → Infusion check: the clinic's details, checked on save by the
 * widget's own rules (Infusion_Check_Rules).
 *
 * @package InfusionCheck
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The settings page and the stored settings.
 */
final class Infusion_Check_Settings {

	/** The option that holds every setting (one array). */
	const OPTION = 'infusion_check_settings';

	/** The settings group and the page's slug. */
	const PAGE = 'infusion-check';

	/**
	 * The fields: setting name => widget attribute ('' for the plugin's own).
	 */
	const FIELDS = array(
		'clinic_name'       => 'clinic-name',
		'clinic_phone'      => 'clinic-phone',
		'after_hours_phone' => 'after-hours-phone',
		'emergency_number'  => 'emergency-number',
		'lang'              => 'lang',
		'infusion'          => 'infusion',
		'therapy'           => 'therapy',
		'therapies'         => 'therapies',
		'accent'            => 'accent',
		'sticky_offset'     => 'sticky-offset',
		'hours'             => 'hours',
		'timezone'          => 'timezone',
		'widget_url'        => '',
	);

	/**
	 * Hooks the page into WordPress.
	 */
	public static function hooks() {
		add_action( 'admin_init', array( __CLASS__, 'register' ) );
		add_action( 'admin_menu', array( __CLASS__, 'menu' ) );
		add_filter( 'plugin_action_links_' . plugin_basename( INFUSION_CHECK_FILE ), array( __CLASS__, 'action_links' ) );
	}

	/**
	 * Every setting empty: the widget's defaults and the plugin's own copy.
	 *
	 * @return array<string, string>
	 */
	public static function defaults() {
		return array_fill_keys( array_keys( self::FIELDS ), '' );
	}

	/**
	 * The saved settings, each one present.
	 *
	 * @return array<string, string>
	 */
	public static function get() {
		$saved = get_option( self::OPTION, array() );
		$saved = is_array( $saved ) ? $saved : array();
		return array_map( 'strval', array_merge( self::defaults(), array_intersect_key( $saved, self::FIELDS ) ) );
	}

	/**
	 * The labels, for the page and its messages.
	 *
	 * @return array<string, string>
	 */
	public static function labels() {
		return array(
			'clinic_name'       => __( 'Clinic name', 'infusion-check' ),
			'clinic_phone'      => __( 'Clinic phone', 'infusion-check' ),
			'after_hours_phone' => __( 'After-hours phone', 'infusion-check' ),
			'emergency_number'  => __( 'Emergency number', 'infusion-check' ),
			'lang'              => __( 'Language', 'infusion-check' ),
			'infusion'          => __( 'What is in the drip', 'infusion-check' ),
			'therapy'           => __( 'The drip every patient had (preset)', 'infusion-check' ),
			'therapies'         => __( 'The drips you give (patients choose)', 'infusion-check' ),
			'accent'            => __( 'Accent colour', 'infusion-check' ),
			'sticky_offset'     => __( 'Sticky header height', 'infusion-check' ),
			'hours'             => __( 'Opening hours', 'infusion-check' ),
			'timezone'          => __( 'Time zone', 'infusion-check' ),
			'widget_url'        => __( 'Widget script URL', 'infusion-check' ),
		);
	}

	/**
	 * Registers the option, its section and its fields (the Settings API:
	 * options.php checks the form's nonce and the manage_options capability).
	 */
	public static function register() {
		register_setting(
			self::PAGE,
			self::OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => array( __CLASS__, 'sanitize' ),
				'default'           => self::defaults(),
				'show_in_rest'      => false,
			)
		);
		add_settings_section( 'clinic', __( "Your clinic's details", 'infusion-check' ), array( __CLASS__, 'section_text' ), self::PAGE );
		$help = array(
			'clinic_name'       => __( 'Shown in the call buttons and the advice (up to 80 characters).', 'infusion-check' ),
			'clinic_phone'      => __( 'Digits, spaces and + - ( ) only. Without it, patients are told to use the number on their discharge papers.', 'infusion-check' ),
			'after_hours_phone' => __( 'Your out-of-hours line, if you have one.', 'infusion-check' ),
			'emergency_number'  => __( 'Empty: 911.', 'infusion-check' ),
			'lang'              => '',
			'infusion'          => __( 'Used in "tell them what was in it" (up to 120 characters). Empty: magnesium.', 'infusion-check' ),
			'therapy'           => __( 'Only if every patient who gets this check had the same drip: what was in it, like "magnesium" or "magnesium vitamin-c". Names: magnesium; iron; vitamin-c (a large dose of vitamin C); vitamin-drip (a vitamin drip, Myers\'-type, or fluids only). Patients are not asked which drip they had. When set, the next setting is not used. Empty: magnesium, unless the next setting is filled in.', 'infusion-check' ),
			'therapies'         => __( 'The drips your clinic gives, like "iron vitamin-c" (the same names as above). With two or more, the check first asks patients which one they had ("I\'m not sure" asks about all of them). Empty: magnesium.', 'infusion-check' ),
			'accent'            => __( 'Like #0a5c8f. The widget darkens or lightens it as needed so its text stays readable. Empty: the default blue.', 'infusion-check' ),
			'sticky_offset'     => __( "If your theme's header stays at the top of the screen while scrolling: its height in pixels (0 to 200), so the check's emergency bar stays below it. Empty: 0.", 'infusion-check' ),
			'hours'             => __( 'Like "Mo-Fr 08:00-18:00; Sa 09:00-13:00": days Mo Tu We Th Fr Sa Su, times from 00:00 to 24:00, "off" for a closed day. Outside them, "call the clinic" puts your after-hours line first and says when you open. Empty: no hours (the clinic\'s number first at any time).', 'infusion-check' ),
			'timezone'          => __( "Your clinic's time zone, needed with opening hours: like America/Los_Angeles.", 'infusion-check' ),
			'widget_url'        => __( "Empty: the copy that comes with this plugin (nothing else to host). Only set this to serve the widget's files from another host of yours (the address of its infusion-check.js).", 'infusion-check' ),
		);
		foreach ( self::labels() as $name => $label ) {
			add_settings_field(
				$name,
				$label,
				array( __CLASS__, 'field' ),
				self::PAGE,
				'clinic',
				array(
					'label_for' => 'infusion-check-' . $name,
					'name'      => $name,
					'help'      => $help[ $name ],
				)
			);
		}
	}

	/**
	 * Adds Settings → Infusion check.
	 */
	public static function menu() {
		add_options_page(
			__( 'Infusion check', 'infusion-check' ),
			__( 'Infusion check', 'infusion-check' ),
			'manage_options',
			self::PAGE,
			array( __CLASS__, 'page' )
		);
	}

	/**
	 * A "Settings" link beside the plugin on the Plugins screen.
	 *
	 * @param string[] $links The plugin's links.
	 * @return string[]
	 */
	public static function action_links( $links ) {
		$url = admin_url( 'options-general.php?page=' . self::PAGE );
		array_unshift( $links, '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Settings', 'infusion-check' ) . '</a>' );
		return $links;
	}

	/**
	 * The text under the section's title.
	 */
	public static function section_text() {
		echo '<p>' . esc_html__( 'Every value is checked with the same rules as the widget. Authors and contributors place the check with the "Infusion check" block or the [infusion_check] shortcode; what they set in the block or the shortcode wins over these.', 'infusion-check' ) . '</p>';
	}

	/**
	 * One field.
	 *
	 * @param array{label_for: string, name: string, help: string} $args The field.
	 */
	public static function field( $args ) {
		$name  = $args['name'];
		$value = self::get()[ $name ];
		$id    = $args['label_for'];
		$field = self::OPTION . '[' . $name . ']';
		if ( 'lang' === $name ) {
			$choices = array(
				'auto' => __( "The phone's language (English unless it prefers Spanish)", 'infusion-check' ),
				'en'   => __( 'English', 'infusion-check' ),
				'es'   => __( 'Spanish', 'infusion-check' ),
			);
			echo '<select id="' . esc_attr( $id ) . '" name="' . esc_attr( $field ) . '">';
			foreach ( $choices as $choice => $text ) {
				echo '<option value="' . esc_attr( $choice ) . '"' . selected( '' === $value ? 'auto' : $value, $choice, false ) . '>' . esc_html( $text ) . '</option>';
			}
			echo '</select>';
		} else {
			$type        = 'widget_url' === $name ? 'url' : 'text';
			$placeholder = array(
				'emergency_number' => Infusion_Check_Rules::DEFAULT_EMERGENCY,
				'accent'           => '#0a5c8f',
				'hours'            => 'Mo-Fr 08:00-18:00; Sa 09:00-13:00',
				'timezone'         => 'America/Los_Angeles',
				'therapies'        => 'magnesium iron vitamin-c vitamin-drip',
				'widget_url'       => Infusion_Check_Render::bundled_url(),
			);
			printf(
				'<input type="%1$s" class="regular-text" id="%2$s" name="%3$s" value="%4$s" placeholder="%5$s"%6$s>',
				esc_attr( $type ),
				esc_attr( $id ),
				esc_attr( $field ),
				esc_attr( $value ),
				esc_attr( isset( $placeholder[ $name ] ) ? $placeholder[ $name ] : '' ),
				false !== strpos( $name, 'phone' ) || 'emergency_number' === $name ? ' inputmode="tel" autocomplete="off"' : ''
			);
		}
		if ( '' !== $args['help'] ) {
			echo '<p class="description">' . esc_html( $args['help'] ) . '</p>';
		}
	}

	/**
	 * The page.
	 */
	public static function page() {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
		echo '<form action="' . esc_url( admin_url( 'options.php' ) ) . '" method="post">';
		settings_fields( self::PAGE );
		do_settings_sections( self::PAGE );
		submit_button();
		echo '</form></div>';
	}

	/**
	 * Checks every value on save. A refused value keeps the one saved before,
	 * with the widget's message; a shortened name is saved with a warning.
	 *
	 * @param mixed $input The form's values.
	 * @return array<string, string>
	 */
	public static function sanitize( $input ) {
		$old = self::get();
		if ( ! current_user_can( 'manage_options' ) ) {
			return $old;
		}
		$input  = is_array( $input ) ? wp_unslash( $input ) : array();
		$labels = self::labels();
		$out    = array();
		foreach ( self::FIELDS as $name => $key ) {
			$raw = isset( $input[ $name ] ) && is_scalar( $input[ $name ] ) ? (string) $input[ $name ] : '';
			if ( 'widget_url' === $name ) {
				$out[ $name ] = self::sanitize_url( $raw, $old[ $name ] );
				continue;
			}
			$result = self::check( $key, $raw );
			// Refused: a bad phone, language or colour, a text with markup
			// in it (the widget would show nothing), or a drip's name the
			// widget does not know (a typo). A long text is shortened.
			$refused = null !== $result['error'] && ( null === $result['ok'] || '' === $result['ok'] || in_array( $key, array( 'therapy', 'therapies' ), true ) );
			if ( null !== $result['error'] ) {
				add_settings_error(
					self::OPTION,
					'infusion-check-' . $key,
					trim(
						sprintf(
							/* translators: 1: field label, 2: attribute name, 3: the widget's message, 4: what was done. */
							__( '%1$s (%2$s) %3$s %4$s', 'infusion-check' ),
							$labels[ $name ],
							$key,
							rtrim( $result['error'], '.' ) . '.',
							$refused ? __( 'Not saved: the previous value is kept.', 'infusion-check' ) : ''
						)
					),
					$refused ? 'error' : 'warning'
				);
			}
			$out[ $name ] = $refused ? $old[ $name ] : (string) $result['ok'];
		}
		if ( '' !== $out['hours'] && '' === $out['timezone'] ) {
			add_settings_error(
				self::OPTION,
				'infusion-check-timezone-missing',
				__( 'Time zone (timezone) is missing: the opening hours need it (like America/Los_Angeles). Until it is there, both numbers are shown, the after-hours line first.', 'infusion-check' ),
				'warning'
			);
		}
		if ( '' === $out['clinic_phone'] ) {
			add_settings_error(
				self::OPTION,
				'infusion-check-clinic-phone-missing',
				__( 'Clinic phone (clinic-phone) is missing: patients are told to use the number on their discharge papers, and only the emergency number is shown before the check starts.', 'infusion-check' ),
				'warning'
			);
		}
		return $out;
	}

	/**
	 * Checks a value as the widget would, an empty one being "not set" (the
	 * widget's default).
	 *
	 * @param string $key The widget's attribute.
	 * @param string $raw The value.
	 * @return array{ok: ?string, tel: ?string, error: ?string}
	 */
	public static function check( $key, $raw ) {
		if ( '' === trim( $raw ) ) {
			return array(
				'ok'    => '',
				'tel'   => null,
				'error' => null,
			);
		}
		return Infusion_Check_Rules::check( $key, $raw );
	}

	/**
	 * The widget's URL: empty (the plugin's own copy) or an http(s) address.
	 *
	 * @param string $raw The value.
	 * @param string $old The value saved before.
	 * @return string
	 */
	private static function sanitize_url( $raw, $old ) {
		$raw = trim( $raw );
		if ( '' === $raw ) {
			return '';
		}
		$url = esc_url_raw( $raw, array( 'https', 'http' ) );
		if ( '' === $url || '' === (string) wp_parse_url( $url, PHP_URL_HOST ) ) {
			add_settings_error(
				self::OPTION,
				'infusion-check-widget-url',
				__( 'Widget script URL is not a web address (https://…/infusion-check.js). Not saved: the previous value is kept.', 'infusion-check' ),
				'error'
			);
			return $old;
		}
		return $url;
	}
}
